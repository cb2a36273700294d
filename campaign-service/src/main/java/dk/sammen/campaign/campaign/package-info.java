/**
 * Campaigns: long-running programmes such as "Vær en, som rækker ud", their owner, period,
 * description, themes, links and editors (the organisations allowed to change them and add
 * activities). The national campaign is created at first start by {@code CampaignMigration}.
 */
@NullMarked
package dk.sammen.campaign.campaign;

import org.jspecify.annotations.NullMarked;
