/** Payloads of the partner event lifecycle on {@link dk.sammen.contracts.Topics#EVENTS}. */
@NullMarked
package dk.sammen.contracts.event;

import org.jspecify.annotations.NullMarked;
