package dk.sammen.gateway.feed;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dk.sammen.contracts.campaign.CampaignActivitySnapshotV1;
import dk.sammen.gateway.feed.FeedItem.Kind;
import dk.sammen.gateway.feed.FeedItem.Position;
import dk.sammen.platform.web.KeysetCursor;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * campaign-service's activities, {@code GET /api/v1/campaign-activities}. Everything the feed
 * assumes about that API (path, parameters, shape, cursor) is in this class alone, so it can
 * follow the service as it settles.
 * <p>
 * Activities are the national campaign's own (talks, radio segments, school visits), never
 * partner events: a query for arenas, intervention types, target groups, a radius, price,
 * welcome, online events or words gets none of them, and one for programmes gets them only when it
 * includes the campaign's programme.
 */
final class CampaignActivitiesSource implements FeedSource {

	static final String NAME = "campaigns";

	/** The programme every campaign activity belongs to. */
	static final String PROGRAMME = "vaer-en-som-raekker-ud";

	private static final List<String> FORWARDED = List.of("kommune", "region", "campaign", "from", "to");

	private static final List<String> EVENT_ONLY = List.of("arena", "interventionType", "targetGroup", "near",
			"free", "welcome", "q");

	private final SourceClient client;

	CampaignActivitiesSource(SourceClient client) {
		this.client = client;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public boolean answers(FeedQuery query) {
		return includes(query);
	}

	/** The rule for both the pages and the stream: whether a query can match any activity at all. */
	static boolean includes(FeedQuery query) {
		return EVENT_ONLY.stream().noneMatch(query::has) && !query.values("online").contains("true")
				&& (!query.has("programme") || query.values("programme")
					.stream()
					.anyMatch((value) -> List.of(value.split(",")).contains(PROGRAMME)));
	}

	@Override
	public Mono<SourcePage> fetch(FeedQuery query, @Nullable Position after, int limit) {
		MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
		FORWARDED.stream().filter(query::has).forEach((name) -> params.put(name, query.values(name)));
		params.set("limit", Integer.toString(limit));
		if (after != null) {
			params.set("cursor", cursor(after));
		}
		return this.client.get("/api/v1/campaign-activities", params, Listing.class)
			.map((listing) -> new SourcePage(listing.items().stream().map(Activity::toItem).toList(),
					listing.nextCursor() != null));
	}

	/** An activity from its CloudEvent snapshot, the same item the listing gives for it. */
	static FeedItem item(CampaignActivitySnapshotV1 activity) {
		return new FeedItem(Kind.CAMPAIGN_ACTIVITY, activity.id(), activity.title(), activity.description(),
				activity.startsAt().atOffset(ZoneOffset.UTC),
				(activity.endsAt() != null) ? activity.endsAt().atOffset(ZoneOffset.UTC) : null, activity.status(),
				PROGRAMME, activity.kommuneCode(), null, null, null, null, activity.url(), activity.version(),
				activity.updatedAt(), FeedItem.Welcome.NONE, null);
	}

	/** Assumed to follow events-service's scheme with its own prefix. */
	static String cursor(Position after) {
		return new KeysetCursor(KeysetCursor.ACTIVITIES, after.startsAt(), after.id()).encode();
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Listing(List<Activity> items, @Nullable String nextCursor) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Activity(String id, String campaign, String kind, String title, @Nullable String description,
			OffsetDateTime startsAt, @Nullable OffsetDateTime endsAt, String status, @Nullable String kommuneCode,
			@Nullable String url, long version, @Nullable OffsetDateTime updatedAt) {

		FeedItem toItem() {
			Instant changed = (this.updatedAt != null) ? this.updatedAt.toInstant() : this.startsAt.toInstant();
			return new FeedItem(Kind.CAMPAIGN_ACTIVITY, this.id, this.title,
					(this.description != null) ? this.description : "", this.startsAt, this.endsAt, this.status,
					PROGRAMME, this.kommuneCode, null, null, null, null, this.url, this.version, changed,
					FeedItem.Welcome.NONE, null);
		}

	}

}
