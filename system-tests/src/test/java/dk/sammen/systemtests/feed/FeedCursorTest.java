package dk.sammen.systemtests.feed;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
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
import static org.awaitility.Awaitility.await;

/**
 * Paging through the feed with {@code nextCursor} while a partner and the campaign keep
 * publishing: the cursor holds each source's own keyset position, so nothing that was there
 * before is skipped or served twice, whatever lands before or after it.
 */
@SystemTest
class FeedCursorTest {

	private static final Town TOWN = Town.ODENSE;

	private static final String CAMPAIGN = "vaer-en-som-raekker-ud";

	private static final int PAGE_SIZE = 3;

	// published between two pages each time
	private static final int PUBLISHED_PER_PAGE = 2;

	private static final int FIRST_ORIGINAL_DAY = 40;

	private static final int LAST_ORIGINAL_DAY = 47;

	// the originals of days 44 and 45 both start on day 44 at 18:00, and so do two new items
	private static final int TIED_DAY = 44;

	/**
	 * When the new items start, in days ahead: earlier than every original item (35–37), later
	 * than all (50–52), in between, and at the very minute of the tied originals. Events and
	 * activities alternate, so both sources' cursors see items added.
	 */
	private static final List<Integer> NEW_ITEM_DAYS = List.of(35, 50, 43, TIED_DAY, 36, 51, 46, TIED_DAY, 42, 52,
			47, 37);

	private final Gateway gateway;

	private final List<String> original = new ArrayList<>();

	private Partner partner = new Partner("", "", "");

	private OffsetDateTime tiedStart = OffsetDateTime.MIN;

	FeedCursorTest(Gateway gateway) {
		this.gateway = gateway;
	}

	@BeforeAll
	void publishTheOriginalItems() {
		this.partner = this.gateway.newPartner("Odense Madfællesskab");
		this.tiedStart = daysAhead(TIED_DAY, 18, 0);
		for (int day = FIRST_ORIGINAL_DAY; day <= LAST_ORIGINAL_DAY; day++) {
			// the order among items of the same minute is by id, which the cursor must keep too
			OffsetDateTime startsAt = (day == TIED_DAY || day == TIED_DAY + 1) ? this.tiedStart : daysAhead(day, 18, 0);
			this.original.add(this.gateway.publishEvent(this.partner, EventBody.in(TOWN, startsAt).title("Original " + day)));
		}
		this.original.add(this.gateway.publishActivity(CAMPAIGN, ActivityBody.in(TOWN, daysAhead(41, 12, 0))));
		this.original.add(this.gateway.publishActivity(CAMPAIGN, ActivityBody.in(TOWN, this.tiedStart)));
	}

	@Test
	void paging_whileItemsArePublishedBeforeAndAfterTheCursor_servesEveryOriginalItemExactlyOnce() throws Exception {
		Semaphore allowed = new Semaphore(0);
		List<NewItem> added = new CopyOnWriteArrayList<>();
		ExecutorService publisher = Executors.newSingleThreadExecutor();
		try {
			Future<?> publishing = publisher.submit(() -> publishNewItems(allowed, added));
			List<String> served = new ArrayList<>();
			List<Feed.Item> servedItems = new ArrayList<>();
			String cursor = null;
			int pages = 0;
			int addedBeforeLastPage;
			do {
				addedBeforeLastPage = added.size();
				Feed page = this.gateway.feed(query(cursor));
				assertThat(page.items()).hasSizeLessThanOrEqualTo(PAGE_SIZE);
				served.addAll(page.ids());
				servedItems.addAll(page.items());
				cursor = page.nextCursor();
				pages++;
				// the other thread publishes now, before the next page is asked for
				allowed.release(PUBLISHED_PER_PAGE);
				int expected = Math.min(pages * PUBLISHED_PER_PAGE, NEW_ITEM_DAYS.size());
				await().atMost(Duration.ofSeconds(30)).until(() -> added.size() >= expected || publishing.isDone());
			}
			while (cursor != null);
			allowed.release(NEW_ITEM_DAYS.size());
			publishing.get(60, TimeUnit.SECONDS);

			assertThat(pages).as("pages").isGreaterThan(3);
			assertThat(added).as("items published while paging").hasSize(NEW_ITEM_DAYS.size());
			assertThat(served).as("served once each").doesNotHaveDuplicates();
			assertThat(served).as("every original item").containsAll(this.original);
			List<String> addedIds = added.stream().map(NewItem::id).toList();
			assertThat(served).as("nothing but ours").allMatch((id) -> this.original.contains(id) || addedIds.contains(id));
			// the first page ends on day 41, before anything was published: what starts earlier is
			// behind the cursor, what starts after every original item ahead of it once it is there
			assertThat(served).as("published behind the cursor")
				.doesNotContainAnyElementsOf(ids(added, (item) -> item.day() < FIRST_ORIGINAL_DAY));
			List<String> aheadOfTheCursor = ids(added.subList(0, addedBeforeLastPage),
					(item) -> item.day() > LAST_ORIGINAL_DAY);
			assertThat(aheadOfTheCursor).as("published ahead of the cursor before the last page").isNotEmpty();
			assertThat(served).as("published ahead of the cursor before the last page").containsAll(aheadOfTheCursor);
			assertThat(servedItems).extracting((item) -> item.startsAt().toInstant()).isSorted();
		}
		finally {
			publisher.shutdownNow();
		}
	}

	private static List<String> ids(List<NewItem> items, Predicate<NewItem> filter) {
		return items.stream().filter(filter).map(NewItem::id).toList();
	}

	private static Query query(@Nullable String cursor) {
		Query query = Query.kommuner(TOWN).and("limit", PAGE_SIZE);
		return (cursor != null) ? query.and("cursor", cursor) : query;
	}

	private void publishNewItems(Semaphore allowed, List<NewItem> added) {
		try {
			for (int i = 0; i < NEW_ITEM_DAYS.size(); i++) {
				allowed.acquire();
				int day = NEW_ITEM_DAYS.get(i);
				OffsetDateTime startsAt = (day == TIED_DAY) ? this.tiedStart : daysAhead(day, 9, 0);
				String id = (i % 2 == 0)
						? this.gateway.publishEvent(this.partner, EventBody.in(TOWN, startsAt).title("Ny " + i))
						: this.gateway.publishActivity(CAMPAIGN, ActivityBody.in(TOWN, startsAt).title("Ny " + i));
				added.add(new NewItem(id, day));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** An item published while paging, and the day (ahead) it starts. */
	private record NewItem(String id, int day) {
	}

}
