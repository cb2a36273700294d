/**
 * Partner organisations as other services learn them on
 * {@link dk.sammen.contracts.Topics#ORGANISATIONS}: name, kind and contact address, never keys.
 */
@NullMarked
package dk.sammen.contracts.organisation;

import org.jspecify.annotations.NullMarked;
