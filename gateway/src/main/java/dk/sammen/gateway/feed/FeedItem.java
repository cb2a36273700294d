package dk.sammen.gateway.feed;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dk.sammen.platform.programme.DanmarkSpiserSammenWeek;
import dk.sammen.platform.schedule.Recurrence;

/**
 * One entry of the feed, whichever source it came from, with what every format needs.
 *
 * @param programme the programme slug (activities: that of their campaign)
 * @param kommuneCode where it happens, or null when nationwide or online only
 * @param url where to sign up or read more
 * @param version bumps on every change (iCalendar {@code SEQUENCE})
 * @param updatedAt when it last changed (iCalendar {@code DTSTAMP}, Atom {@code updated})
 * @param welcome how a newcomer is received (events only)
 * @param series the whole series when the item is one occurrence of a recurring offer
 */
record FeedItem(Kind kind, String id, String title, String description, OffsetDateTime startsAt,
		@Nullable OffsetDateTime endsAt, String status, String programme, @Nullable String kommuneCode,
		@Nullable Place place, @Nullable String onlineUrl, @Nullable String organizer, @Nullable Integer priceDkk,
		@Nullable String url, long version, Instant updatedAt, Welcome welcome, @Nullable Series series) {

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

	/** Stable across changes, unique across kinds; one for a whole series (iCalendar {@code UID}). */
	String uid() {
		return this.kind.slug() + "-" + this.id + "@sammen.dk";
	}

	/** Unique per entry of a list: a series' occurrences are told apart by their Danish date. */
	String entryKey() {
		String key = this.kind.slug() + "-" + this.id;
		return (this.series != null) ? key + "/" + this.startsAt.toLocalDate() : key;
	}

	/**
	 * Whether the whole event is cancelled, not just this occurrence of its series.
	 */
	boolean seriesCancelled() {
		return cancelled() && (this.series == null || !this.series.cancelled().contains(this.startsAt.toLocalDate()));
	}

	/**
	 * A recurring offer: its rule from the first occurrence, in Danish time.
	 *
	 * @param exdates days without an occurrence
	 * @param cancelled days whose occurrence was called off
	 * @param seriesEndsAt when the last occurrence ends, or null when the series has no end
	 */
	record Series(String rrule, List<LocalDate> exdates, List<LocalDate> cancelled, OffsetDateTime firstStartsAt,
			OffsetDateTime firstEndsAt, @Nullable OffsetDateTime seriesEndsAt) {

		Series {
			exdates = List.copyOf(exdates);
			cancelled = List.copyOf(cancelled);
			firstStartsAt = danish(firstStartsAt);
			firstEndsAt = danish(firstEndsAt);
			seriesEndsAt = (seriesEndsAt != null) ? danish(seriesEndsAt) : null;
		}

		Recurrence recurrence() {
			return new Recurrence(this.rrule);
		}

		/** The start of the occurrence on a day: the first one's Danish time of day on that date. */
		ZonedDateTime startOn(LocalDate date) {
			return date.atTime(this.firstStartsAt.toLocalTime()).atZone(DanmarkSpiserSammenWeek.DANISH_TIME);
		}

		Duration length() {
			return Duration.between(this.firstStartsAt, this.firstEndsAt);
		}

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

	/**
	 * CONTRACT section 9: how a newcomer is received, which answers the first question of someone
	 * who is lonely ("will anyone talk to me if I come alone?"), so every format shows it before
	 * the description.
	 *
	 * @param flags {@code kom-alene}, {@code bordvaert}, {@code foelgeskab}
	 */
	record Welcome(List<String> flags, @Nullable String note, @Nullable String transportNote) {

		static final Welcome NONE = new Welcome(List.of(), null, null);

		/** The flags in the public's words; the feed's language is Danish. */
		private static final Map<String, String> DANISH = Map.of("kom-alene", "Kom alene – nogen tager imod dig",
				"bordvaert", "Der er en bordvært", "foelgeskab", "Følgeskab kan arrangeres");

		Welcome {
			flags = (flags != null) ? List.copyOf(flags) : List.of();
		}

		boolean isEmpty() {
			return this.flags.isEmpty() && this.note == null && this.transportNote == null;
		}

		/** The flags as sentences, in the order the partner gave them. */
		List<String> phrases() {
			return this.flags.stream().map((flag) -> DANISH.getOrDefault(flag, flag)).toList();
		}

		/** Everything as plain-text lines: the phrases, the note, then how to get there. */
		List<String> lines() {
			List<String> lines = new ArrayList<>(phrases());
			if (this.note != null) {
				lines.add(this.note);
			}
			if (this.transportNote != null) {
				lines.add("Transport: " + this.transportNote);
			}
			return lines;
		}

		/** The lines before a description, with a blank line between them. */
		String before(String description) {
			if (isEmpty()) {
				return description;
			}
			String welcome = String.join("\n", lines());
			return description.isEmpty() ? welcome : welcome + "\n\n" + description;
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
