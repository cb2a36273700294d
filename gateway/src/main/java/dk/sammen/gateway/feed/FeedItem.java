package dk.sammen.gateway.feed;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dk.sammen.platform.programme.DanmarkSpiserSammenWeek;

/**
 * One entry of the feed, whichever source it came from, with what every format needs.
 *
 * @param programme the programme slug (activities: that of their campaign)
 * @param kommuneCode where it happens, or null when nationwide or online only
 * @param url where to sign up or read more
 * @param version bumps on every change (iCalendar {@code SEQUENCE})
 * @param updatedAt when it last changed (iCalendar {@code DTSTAMP}, Atom {@code updated})
 */
record FeedItem(Kind kind, String id, String title, String description, OffsetDateTime startsAt,
		@Nullable OffsetDateTime endsAt, String status, String programme, @Nullable String kommuneCode,
		@Nullable Place place, @Nullable String onlineUrl, @Nullable String organizer, @Nullable Integer priceDkk,
		@Nullable String url, long version, Instant updatedAt) {

	/** The feed's order; within one source it is the source's own (startsAt, id) order. */
	static final Comparator<FeedItem> ORDER = Comparator.comparing((FeedItem item) -> item.startsAt().toInstant())
		.thenComparing((item) -> item.kind().slug())
		.thenComparing(FeedItem::id);

	static final String CANCELLED = "cancelled";

	private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</p>|</li>");

	private static final Pattern TAG = Pattern.compile("<[^>]*>");

	/** Times are shown in Danish time, whatever offset a source wrote them with. */
	FeedItem {
		startsAt = danish(startsAt);
		endsAt = (endsAt != null) ? danish(endsAt) : null;
	}

	private static OffsetDateTime danish(OffsetDateTime time) {
		return time.atZoneSameInstant(DanmarkSpiserSammenWeek.DANISH_TIME).toOffsetDateTime();
	}

	boolean cancelled() {
		return CANCELLED.equals(this.status);
	}

	/** The item's place in its own source's listing, from which that source's cursor is made. */
	Position position() {
		return new Position(this.startsAt.toInstant(), this.id);
	}

	/**
	 * The description without the little HTML events-service allows, for formats that carry
	 * plain text only.
	 */
	String plainDescription() {
		return TAG.matcher(BREAK.matcher(this.description).replaceAll("\n"))
			.replaceAll("")
			.replace("&lt;", "<")
			.replace("&gt;", ">")
			.replace("&quot;", "\"")
			.replace("&#39;", "'")
			.replace("&amp;", "&")
			.strip();
	}

	/** Stable across changes, unique across kinds. */
	String uid() {
		return this.kind.slug() + "-" + this.id + "@sammen.dk";
	}

	enum Kind {

		EVENT("event"), CAMPAIGN_ACTIVITY("campaign-activity");

		private final String slug;

		Kind(String slug) {
			this.slug = slug;
		}

		String slug() {
			return this.slug;
		}

	}

	/** A physical venue. */
	record Place(@Nullable String venue, @Nullable String street, @Nullable String postalCode,
			@Nullable String city, @Nullable Double lat, @Nullable Double lon) {

		String text() {
			StringBuilder text = new StringBuilder();
			for (String part : new @Nullable String[] { this.venue, this.street,
					join(this.postalCode, this.city) }) {
				if (part != null && !part.isBlank()) {
					text.append(text.isEmpty() ? "" : ", ").append(part);
				}
			}
			return text.toString();
		}

		private static @Nullable String join(@Nullable String postalCode, @Nullable String city) {
			if (postalCode == null) {
				return city;
			}
			return (city != null) ? postalCode + " " + city : postalCode;
		}

	}

	/** A position in a listing ordered by (startsAt, id): the last item served from it. */
	record Position(Instant startsAt, String id) {
	}

}
