package dk.sammen.notification.edition;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Editions, their schedule and their fan-out.
 *
 * @param zone the time zone of the schedule
 * @param digestDay the day the weekly digest goes out
 * @param digestTime the time it goes out
 * @param digestPeriod how far ahead a digest looks
 * @param dsmWeeksBefore how many weeks before a Danmark Spiser Sammen week its announcement goes out
 * @param dsmDay the day of that week the announcement goes out
 * @param dsmTime the time it goes out
 * @param catchUp how late a scheduled edition is still sent, e.g. after the service was down
 * @param scheduleInterval how often the schedule is checked
 * @param campaignPeriod how far ahead a campaign newsletter lists the campaign's activities
 * @param fanOutPage subscribers read per fan-out step
 * @param fanOutLease how long one replica owns a fan-out before another may resume it
 * @param reconcileInterval how often unfinished editions are looked at
 * @param deliveryPartitions partitions of the deliveries topic, the most replicas that can send at once
 * @param deliveryReplicas replication factor of the deliveries topic
 */
@ConfigurationProperties("sammen.notification.editions")
public record EditionProperties(@DefaultValue("Europe/Copenhagen") ZoneId zone,
		@DefaultValue("THURSDAY") DayOfWeek digestDay, @DefaultValue("07:00") LocalTime digestTime,
		@DefaultValue("7d") Duration digestPeriod, @DefaultValue("2") int dsmWeeksBefore,
		@DefaultValue("MONDAY") DayOfWeek dsmDay, @DefaultValue("09:00") LocalTime dsmTime,
		@DefaultValue("12h") Duration catchUp, @DefaultValue("1m") Duration scheduleInterval,
		@DefaultValue("30d") Duration campaignPeriod, @DefaultValue("500") int fanOutPage,
		@DefaultValue("30s") Duration fanOutLease, @DefaultValue("5s") Duration reconcileInterval,
		@DefaultValue("12") int deliveryPartitions, @DefaultValue("1") short deliveryReplicas) {
}
