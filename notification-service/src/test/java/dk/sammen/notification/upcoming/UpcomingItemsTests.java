package dk.sammen.notification.upcoming;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dk.sammen.localstack.MongoWireServer;
import dk.sammen.platform.programme.DanmarkSpiserSammenWeek;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the letters list for a window, against the MongoDB-wire server over TCP: a recurring offer
 * once per occurrence (in Danish time, skipped and called-off days left out), offers gone stale
 * left out.
 */
class UpcomingItemsTests {

	private static MongoWireServer server;

	private static MongoClient client;

	private static UpcomingItems items;

	@BeforeAll
	static void start() {
		server = MongoWireServer.inMemory().start();
		client = MongoClients.create(server.connectionString());
		items = new UpcomingItems(new ReactiveMongoTemplate(client, "upcoming-items"));
	}

	@AfterAll
	static void stop() {
		client.close();
		server.stop();
	}

	private static Instant danish(String local) {
		return LocalDateTime.parse(local).atZone(DanmarkSpiserSammenWeek.DANISH_TIME).toInstant();
	}

	private static UpcomingItem item(String id, Instant startsAt, UpcomingItem.Series series, Instant visibleUntil) {
		return item(id, "local-partnership", startsAt, series, visibleUntil);
	}

	private static UpcomingItem item(String id, String programme, Instant startsAt, UpcomingItem.Series series,
			Instant visibleUntil) {
		return new UpcomingItem("event:" + id, UpcomingItem.EVENT, id, 1, "published", "Kaffe " + id, programme, null, startsAt, startsAt.plusSeconds(7200), "0791", "1082", "Biblioteket, Viborg",
				false, null, "ce-" + id, List.of("kom-alene"), series, visibleUntil);
	}

	@Test
	void published_weeklySeriesInTheWindow_isListedOncePerOccurrenceInStartOrder() {
		items.apply(item("tuesdays", danish("2027-03-02T10:00"),
				new UpcomingItem.Series("FREQ=WEEKLY;BYDAY=TU", List.of(LocalDate.parse("2027-03-23"),
						LocalDate.parse("2027-04-06")), null),
				null)).block();
		items.apply(item("once", danish("2027-03-25T18:00"), null, null)).block();
		List<UpcomingItem> listed = items
			.publishedList(danish("2027-03-15T00:00"), danish("2027-04-14T00:00"), "local-partnership", null)
			.block();
		assertThat(listed).extracting(UpcomingItem::sourceId)
			.containsExactly("tuesdays", "once", "tuesdays", "tuesdays");
		assertThat(listed).extracting(UpcomingItem::startsAt)
			.containsExactly(danish("2027-03-16T10:00"), danish("2027-03-25T18:00"), danish("2027-03-30T10:00"),
					danish("2027-04-13T10:00"));
		assertThat(listed.get(2).endsAt()).isEqualTo(danish("2027-03-30T12:00"));
	}

	@Test
	void published_seriesEndedOrOfferGoneStale_isLeftOut() {
		items.apply(item("ended", "other", danish("2027-01-05T10:00"),
				new UpcomingItem.Series("FREQ=WEEKLY;BYDAY=TU", List.of(), danish("2027-05-01T12:00")), null))
			.block();
		items.apply(item("stale", "other", danish("2027-05-04T10:00"), null, danish("2027-05-01T00:00"))).block();
		items.apply(item("fresh", "other", danish("2027-05-05T10:00"), null, danish("2027-08-01T00:00"))).block();
		assertThat(items.publishedList(danish("2027-05-03T00:00"), danish("2027-05-10T00:00"), "other", null).block())
			.extracting(UpcomingItem::sourceId)
			.containsExactly("fresh");
	}

}
