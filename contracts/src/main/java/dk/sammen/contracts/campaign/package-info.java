/** Payloads of the campaign activity lifecycle on {@link dk.sammen.contracts.Topics#CAMPAIGN_ACTIVITIES}. */
@NullMarked
package dk.sammen.contracts.campaign;

import org.jspecify.annotations.NullMarked;
