/**
 * Campaign activities: talks, radio segments, school and workplace activities, media pieces and
 * ambassador stories, with the same draft → published → cancelled lifecycle as partner events.
 * Every public change leaves as a CloudEvent on {@code sammen.campaign-activities.v1} through the
 * platform's outbox; {@code GET /api/v1/campaign-activities} is the listing the public feed reads.
 */
@NullMarked
package dk.sammen.campaign.activity;

import org.jspecify.annotations.NullMarked;
