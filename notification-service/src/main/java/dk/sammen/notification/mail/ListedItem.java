package dk.sammen.notification.mail;

import java.net.URI;
import java.time.ZonedDateTime;

import org.jspecify.annotations.Nullable;

/**
 * An event or campaign activity as a letter lists it.
 *
 * @param startsAt in Danish time (Europe/Copenhagen)
 * @param where the venue and city, the kommune name, or null for online and nationwide items
 * @param online whether it happens online
 */
public record ListedItem(String title, ZonedDateTime startsAt, @Nullable String where, boolean online, URI url,
		boolean cancelled) {
}
