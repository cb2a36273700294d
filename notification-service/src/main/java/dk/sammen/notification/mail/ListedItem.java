package dk.sammen.notification.mail;

import java.net.URI;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * An event or campaign activity as a letter lists it.
 *
 * @param startsAt in Danish time (Europe/Copenhagen)
 * @param where the venue and city, the kommune name, or null for online and nationwide items
 * @param online whether it happens online
 * @param welcome how a newcomer is received ({@code kom-alene}, {@code bordvaert}, {@code foelgeskab})
 */
public record ListedItem(String title, ZonedDateTime startsAt, @Nullable String where, boolean online, URI url,
		boolean cancelled, List<String> welcome) {

	/** Only the flags the letters have words for, so a new one never shows as a missing text. */
	private static final Set<String> KNOWN = Set.of("kom-alene", "bordvaert", "foelgeskab");

	public ListedItem {
		welcome = welcome.stream().filter(KNOWN::contains).toList();
	}

	/** An item that says nothing about its welcome, as campaign activities. */
	public ListedItem(String title, ZonedDateTime startsAt, @Nullable String where, boolean online, URI url,
			boolean cancelled) {
		this(title, startsAt, where, online, url, cancelled, List.of());
	}

}
