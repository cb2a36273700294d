/**
 * Danmark Spiser Sammen: the coming ISO weeks 17 and 45 with their Monday–Sunday dates in Danish
 * time and the published meals per week and region, from the participation read model.
 */
@NullMarked
package dk.sammen.campaign.programme;

import org.jspecify.annotations.NullMarked;
