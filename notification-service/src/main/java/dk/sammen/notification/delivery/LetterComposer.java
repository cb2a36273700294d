package dk.sammen.notification.delivery;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import dk.sammen.contracts.notification.DeliveryRequestedV1;
import dk.sammen.notification.edition.Edition;
import dk.sammen.notification.edition.EditionSpec;
import dk.sammen.notification.edition.Editions;
import dk.sammen.notification.mail.Letter;
import dk.sammen.notification.mail.ListedItem;
import dk.sammen.notification.mail.Recipient;
import dk.sammen.notification.subscription.Preferences;
import dk.sammen.notification.subscription.Subscriber;
import dk.sammen.notification.subscription.SubscriberDirectory;
import dk.sammen.notification.subscription.SubscriberStatus;
import dk.sammen.notification.token.SubscriptionLinks;
import dk.sammen.notification.token.TokenProperties;
import dk.sammen.notification.upcoming.UpcomingItem;
import dk.sammen.notification.upcoming.UpcomingItems;
import dk.sammen.platform.programme.DanmarkSpiserSammenWeek;
import dk.sammen.platform.programme.Programmes;
import org.springframework.stereotype.Component;

/**
 * Composes one subscriber's letter of an edition from the subscriber as stored now and the read
 * model of what is coming up, or says why there is nothing to send. Blocking: runs on the delivery
 * worker's thread.
 */
@Component
class LetterComposer {

	/** The most items one letter lists. */
	static final int MOST_ITEMS = 25;

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final SubscriberDirectory subscribers;

	private final Editions editions;

	private final UpcomingItems upcoming;

	private final SubscriptionLinks links;

	/** The most editions and listings kept; far more than are ever sent at once. */
	private static final int MOST_CACHED = 64;

	private final Duration confirmValidity;

	private final Duration listingReuse;

	private final Clock clock;

	/** Editions by id: their kind and spec, all a letter reads of them, never change once created. */
	private final Map<String, Edition> editionsById = new ConcurrentHashMap<>();

	private final Map<Listing, Listed> listings = new ConcurrentHashMap<>();

	LetterComposer(SubscriberDirectory subscribers, Editions editions, UpcomingItems upcoming,
			SubscriptionLinks links, TokenProperties tokens, DeliveryProperties properties, Clock clock) {
		this.subscribers = subscribers;
		this.editions = editions;
		this.upcoming = upcoming;
		this.links = links;
		this.confirmValidity = tokens.confirmValidity();
		this.listingReuse = properties.listingReuse();
		this.clock = clock;
	}

	/** One read of the upcoming items, the same for every letter of an edition before each subscriber's filter. */
	private record Listing(Instant from, Instant to, @Nullable String programme, @Nullable String kind) {
	}

	private record Listed(List<UpcomingItem> items, Instant readAt) {
	}

	/** A letter to send, or the reason to skip it. */
	sealed interface Composition {

		record Mail(Recipient recipient, Letter letter) implements Composition {
		}

		record Skip(String reason) implements Composition {
		}

	}

	Composition compose(DeliveryRequestedV1 task) {
		Subscriber subscriber = this.subscribers.find(task.subscriberId()).block(WAIT);
		if (subscriber == null) {
			return new Composition.Skip("erased");
		}
		return switch (task.editionKind()) {
			case "confirmation" -> (subscriber.status() == SubscriberStatus.PENDING)
					? new Composition.Mail(
							new Recipient(subscriber.email(), subscriber.preferences().language(), null, null),
							new Letter.Confirmation(this.links.confirm(subscriber.id()), this.confirmValidity))
					: new Composition.Skip("not-pending");
			case "already-subscribed" -> subscriber.isConfirmed()
					? new Composition.Mail(recipient(subscriber), new Letter.AlreadySubscribed())
					: new Composition.Skip("not-confirmed");
			default -> newsletter(task, subscriber);
		};
	}

	private Composition newsletter(DeliveryRequestedV1 task, Subscriber subscriber) {
		if (!subscriber.isConfirmed()) {
			// nothing but confirmation mails ever goes to an unconfirmed or unsubscribed address
			return new Composition.Skip("not-confirmed");
		}
		Edition edition = edition(task.editionId());
		if (edition == null) {
			return new Composition.Skip("unknown-edition");
		}
		if (!edition.targets(subscriber)) {
			return new Composition.Skip("no-longer-targeted");
		}
		Preferences preferences = subscriber.preferences();
		EditionSpec spec = edition.spec();
		Letter letter = switch (edition.kind()) {
			case WEEKLY_DIGEST -> {
				List<ListedItem> items = listed(preferences, required(spec.from()), required(spec.to()), null, null, null);
				yield items.isEmpty() ? null
						: new Letter.WeeklyDigest(localDate(required(spec.from())), localDate(required(spec.to()).minusSeconds(1)),
								items);
			}
			case DSM_ANNOUNCEMENT -> {
				DanmarkSpiserSammenWeek week = new DanmarkSpiserSammenWeek(required(spec.dsmYear()), required(spec.dsmWeek()));
				yield new Letter.DsmAnnouncement(week.week(), week.weekBasedYear(), week.monday(), week.sunday(),
						listed(preferences, week.startsAt(), week.endsBefore(), Programmes.DANMARK_SPISER_SAMMEN,
								UpcomingItem.EVENT, null));
			}
			case CAMPAIGN -> new Letter.CampaignNewsletter(required(spec.campaign()),
					required(spec.subject()).in(preferences.language()), required(spec.body()).in(preferences.language()),
					listed(preferences, required(spec.from()), required(spec.to()), null, UpcomingItem.CAMPAIGN_ACTIVITY,
							spec.campaign()));
			case INSTANT -> {
				UpcomingItem event = this.upcoming.event(required(spec.eventId())).block(WAIT);
				yield (event == null || !"published".equals(event.status())) ? null
						: new Letter.InstantNotice(listedItem(event));
			}
		};
		return (letter != null) ? new Composition.Mail(recipient(subscriber), letter)
				: new Composition.Skip("nothing-to-send");
	}

	private List<ListedItem> listed(Preferences preferences, Instant from, Instant to, @Nullable String programme,
			@Nullable String kind, @Nullable String campaign) {
		return published(new Listing(from, to, programme, kind)).stream()
					.filter((item) -> preferences.follows(item.programme())
							&& preferences.covers(item.kommuneCode(), item.regionCode())
							&& (campaign == null || campaign.equals(item.campaign())))
					.limit(MOST_ITEMS)
					.map(this::listedItem)
					.toList();
	}

	private @Nullable Edition edition(String id) {
		Edition cached = this.editionsById.get(id);
		if (cached != null) {
			return cached;
		}
		Edition found = this.editions.find(id).block(WAIT);
		if (found != null) {
			remember(this.editionsById, id, found);
		}
		return found;
	}

	/**
	 * The published items of {@code listing}, read once per {@code listingReuse} for all the letters
	 * composed meanwhile instead of once per letter.
	 */
	private List<UpcomingItem> published(Listing listing) {
		Instant now = this.clock.instant();
		Listed cached = this.listings.get(listing);
		if (cached != null && cached.readAt().plus(this.listingReuse).isAfter(now)) {
			return cached.items();
		}
		List<UpcomingItem> items = this.upcoming.publishedList(listing.from(), listing.to(), listing.programme(),
				listing.kind()).block(WAIT);
		List<UpcomingItem> read = (items != null) ? items : List.of();
		if (this.listingReuse.isPositive()) {
			remember(this.listings, listing, new Listed(read, now));
		}
		return read;
	}

	private static <K, V> void remember(Map<K, V> cache, K key, V value) {
		if (cache.size() >= MOST_CACHED) {
			cache.clear();
		}
		cache.put(key, value);
	}

	private ListedItem listedItem(UpcomingItem item) {
		URI url = (item.url() != null) ? URI.create(item.url()) : this.links.event(item.sourceId());
		return new ListedItem(item.title(), item.startsAt().atZone(DanmarkSpiserSammenWeek.DANISH_TIME), item.where(),
				item.online(), url, item.isCancelled(), item.welcome());
	}

	private Recipient recipient(Subscriber subscriber) {
		return new Recipient(subscriber.email(), subscriber.preferences().language(),
				this.links.manage(subscriber.id()), this.links.unsubscribe(subscriber.id()));
	}

	private static LocalDate localDate(Instant instant) {
		return instant.atZone(DanmarkSpiserSammenWeek.DANISH_TIME).toLocalDate();
	}

	private static <T> T required(@Nullable T value) {
		if (value == null) {
			throw new IllegalStateException("The edition lacks a field its kind needs");
		}
		return value;
	}

}
