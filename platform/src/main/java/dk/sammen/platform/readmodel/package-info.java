/**
 * Read models that services keep from other services' CloudEvents: one version-guarded write per
 * snapshot, so that redeliveries and overtaken snapshots change nothing.
 */
@NullMarked
package dk.sammen.platform.readmodel;

import org.jspecify.annotations.NullMarked;
