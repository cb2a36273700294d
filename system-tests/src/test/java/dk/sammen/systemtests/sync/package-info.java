/**
 * Incremental sync for partner systems (CONTRACT section 9) end to end: a partner's own ids, and a
 * client that keeps a copy of the partner's events from the change feed, through the gateway.
 */
@NullMarked
package dk.sammen.systemtests.sync;

import org.jspecify.annotations.NullMarked;
