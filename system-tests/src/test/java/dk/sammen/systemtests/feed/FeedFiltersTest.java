package dk.sammen.systemtests.feed;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dk.sammen.systemtests.api.ActivityBody;
import dk.sammen.systemtests.api.EventBody;
import dk.sammen.systemtests.api.Feed;
import dk.sammen.systemtests.api.Gateway;
import dk.sammen.systemtests.api.Partner;
import dk.sammen.systemtests.api.Query;
import dk.sammen.systemtests.api.Town;
import dk.sammen.systemtests.stack.SystemTest;

import static dk.sammen.systemtests.api.Times.daysAhead;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every filter of CONTRACT section 5, each keeping at least one of these items and dropping at
 * least one. The items are in Aarhus and Aalborg (which no other test uses) plus one online-only
 * event; queries are narrowed to those kommuner, or for the online filter to this class's word
 * {@value #MARKER}, so they see nothing but these.
 */
@SystemTest
class FeedFiltersTest {

	private static final Town AARHUS = Town.AARHUS;

	private static final Town AALBORG = Town.AALBORG;

	private static final String MARKER = "filterdata";

	private static final String OUR_CAMPAIGN = "vaer-en-som-raekker-ud";

	private static final String OTHER_CAMPAIGN = "systemtest-filtre";

	private final Gateway gateway;

	// in startsAt order
	private String aarhusEvent = "";

	private String aarhusTalk = "";

	private String aalborgEvent = "";

	private String aalborgRadio = "";

	private String onlineEvent = "";

	private OffsetDateTime aarhusEventEnds = OffsetDateTime.MIN;

	FeedFiltersTest(Gateway gateway) {
		this.gateway = gateway;
	}

	@BeforeAll
	void publishItemsThatDifferInEveryFilter() {
		Partner partner = this.gateway.newPartner("Foreningen Filterprøven");
		this.gateway.createCampaign(OTHER_CAMPAIGN, "En anden kampagne");
		EventBody aarhus = EventBody.in(AARHUS, daysAhead(20, 17, 0))
			.title("Strikkecafé på biblioteket")
			.description("Vi strikker og drikker kaffe. " + MARKER)
			.programme("local-partnership")
			.campaign(OUR_CAMPAIGN)
			.arenas("fritid-og-faellesskaber")
			.interventionTypes("socialt-netvaerk")
			.targetGroups("aeldre")
			.welcome("kom-alene", "bordvaert")
			.priceDkk(0);
		this.aarhusEvent = this.gateway.publishEvent(partner, aarhus);
		this.aarhusEventEnds = aarhus.startsAt().plusHours(2);
		this.aarhusTalk = this.gateway.publishActivity(OUR_CAMPAIGN,
				ActivityBody.in(AARHUS, daysAhead(22, 19, 0)).title("Foredrag om at række ud"));
		this.aalborgEvent = this.gateway.publishEvent(partner,
				EventBody.in(AALBORG, daysAhead(25, 16, 0))
					.title("Samtalegruppe om arbejdsliv")
					.description("Om at høre til på jobbet. " + MARKER)
					.programme("other")
					.alsoOnline("https://example.dk/stream")
					.arenas("arbejdsliv-og-beskaeftigelse")
					.interventionTypes("psykoedukation")
					.targetGroups("unge")
					.welcome("foelgeskab")
					.priceDkk(50));
		this.aalborgRadio = this.gateway.publishActivity(OTHER_CAMPAIGN,
				ActivityBody.in(AALBORG, daysAhead(27, 10, 0)).kind("radio-segment").title("Radioindslag"));
		this.onlineEvent = this.gateway.publishEvent(partner,
				EventBody.onlineOnly("https://example.dk/online", daysAhead(30, 20, 0))
					.title("Onlinecafé")
					.description("Vi ses på skærmen. " + MARKER)
					.programme("other"));
	}

	@Test
	void feed_narrowedToTheTestsKommuner_holdsBothKindsInOrder() {
		assertFeed(both(), this.aarhusEvent, this.aarhusTalk, this.aalborgEvent, this.aalborgRadio);
	}

	@Test
	void kommune_keepsOnlyItemsThere() {
		assertFeed(Query.kommuner(AARHUS), this.aarhusEvent, this.aarhusTalk);
	}

	@Test
	void region_keepsOnlyItemsInItsKommuner() {
		assertFeed(both().and("region", AARHUS.regionCode()), this.aarhusEvent, this.aarhusTalk);
		assertFeed(both().and("region", AALBORG.regionCode()), this.aalborgEvent, this.aalborgRadio);
	}

	@Test
	void programme_keepsOnlyThatProgramme_andActivitiesOnlyForTheCampaignsProgramme() {
		assertFeed(both().and("programme", "local-partnership"), this.aarhusEvent);
		assertFeed(both().and("programme", "vaer-en-som-raekker-ud"), this.aarhusTalk, this.aalborgRadio);
	}

	@Test
	void campaign_keepsEventsThatJoinedItAndItsActivities() {
		assertFeed(both().and("campaign", OUR_CAMPAIGN), this.aarhusEvent, this.aarhusTalk);
		assertFeed(both().and("campaign", OTHER_CAMPAIGN), this.aalborgRadio);
	}

	@Test
	void arena_keepsOnlyEventsInThatArena() {
		assertFeed(both().and("arena", "fritid-og-faellesskaber"), this.aarhusEvent);
	}

	@Test
	void interventionType_keepsOnlyEventsOfThatType() {
		assertFeed(both().and("interventionType", "psykoedukation"), this.aalborgEvent);
	}

	@Test
	void targetGroup_keepsOnlyEventsForThatGroup() {
		assertFeed(both().and("targetGroup", "unge"), this.aalborgEvent);
	}

	@Test
	void fromAndTo_asDates_keepWhatOverlapsTheWholeDays() {
		assertFeed(both().and("from", daysAhead(21, 0, 0).toLocalDate()).and("to", daysAhead(26, 0, 0).toLocalDate()),
				this.aarhusTalk, this.aalborgEvent);
	}

	@Test
	void fromAndTo_asDateTimes_keepWhatOverlapsTheWindow() {
		// one minute after the Aarhus event ends, and the Aalborg event's start: neither overlaps
		assertFeed(both().and("from", this.aarhusEventEnds.plusMinutes(1)).and("to", daysAhead(25, 16, 0)),
				this.aarhusTalk);
	}

	@Test
	void nearWithRadius_keepsOnlyEventsWithinTheRadius() {
		assertFeed(both().and("near", AARHUS.near()).and("radiusKm", 20), this.aarhusEvent);
		assertFeed(both().and("near", AALBORG.near()).and("radiusKm", 20), this.aalborgEvent);
	}

	@Test
	void free_keepsOnlyFreeEvents_andFalseOnlyPaidOnes() {
		assertFeed(both().and("free", true), this.aarhusEvent);
		assertFeed(both().and("free", false), this.aalborgEvent);
	}

	@Test
	void welcome_keepsEventsWithAnyOfTheFlags_andNoActivities() {
		assertFeed(both().and("welcome", "kom-alene"), this.aarhusEvent);
		assertFeed(both().and("welcome", "foelgeskab"), this.aalborgEvent);
		assertFeed(both().and("welcome", "bordvaert").and("welcome", "foelgeskab"), this.aarhusEvent,
				this.aalborgEvent);
	}

	@Test
	void online_keepsEventsOnline_andFalseEventsAtAVenue() {
		assertFeed(Query.of("q", MARKER).and("online", true), this.aalborgEvent, this.onlineEvent);
		assertFeed(Query.of("q", MARKER).and("online", false), this.aarhusEvent, this.aalborgEvent);
	}

	@Test
	void q_keepsEventsWithAllTheWords_foldingDanishLetters() {
		assertFeed(both().and("q", "strikker"), this.aarhusEvent);
		assertFeed(both().and("q", "høre jobbet"), this.aalborgEvent);
		assertFeed(both().and("q", "hoere"), this.aalborgEvent);
		assertFeed(both().and("q", "strikker jobbet"));
	}

	@Test
	void limit_cutsThePage_andOffersTheRest() {
		Feed first = this.gateway.feed(both().and("limit", 1));

		assertThat(first.ids()).containsExactly(this.aarhusEvent);
		assertThat(first.nextCursor()).isNotNull();
		Feed rest = this.gateway.feed(both().and("limit", 100).and("cursor", first.nextCursor()));
		assertThat(rest.ids()).containsExactly(this.aarhusTalk, this.aalborgEvent, this.aalborgRadio);
		assertThat(rest.nextCursor()).isNull();
	}

	private static Query both() {
		return Query.kommuner(AARHUS, AALBORG);
	}

	private void assertFeed(Query query, String... expectedIds) {
		Feed feed = this.gateway.feed(query);
		assertThat(feed.ids()).as(query.toString()).containsExactly(expectedIds);
		assertThat(feed.partial()).as(query.toString()).isFalse();
	}

}
