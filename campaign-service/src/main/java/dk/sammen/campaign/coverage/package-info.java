/**
 * Coverage and gaps (issue 10, action plan initiative 7): where in Denmark there is an offer that
 * relieves loneliness and where there is none nearby. A read model of every public partner event
 * ({@code coverage-offers}), kept from {@code sammen.events.v1} by a consumer group of its own, is
 * aggregated at query time per kommune and region for a period; reference data adds the kommune
 * populations and the kommune outlines of the map. Also the reach of "Vær en, som rækker ud" per
 * region over time. Public, aggregated figures only: the read model holds no personal data.
 */
@NullMarked
package dk.sammen.campaign.coverage;

import org.jspecify.annotations.NullMarked;
