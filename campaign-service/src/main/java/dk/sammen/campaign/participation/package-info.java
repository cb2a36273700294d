/**
 * The read model of participation: every public partner event as events-service last announced
 * it on {@code sammen.events.v1} (status, organisation, kommune, region, start, Danmark Spiser
 * Sammen week), kept by consuming that topic, and the campaign figures computed from it.
 */
@NullMarked
package dk.sammen.campaign.participation;

import org.jspecify.annotations.NullMarked;
