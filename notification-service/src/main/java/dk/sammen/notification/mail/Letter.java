package dk.sammen.notification.mail;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What a mail says; each kind has its own template pair ({@code mail/<kind>.html} and {@code .txt}). */
public sealed interface Letter {

	/** The template name and the edition kind, e.g. {@code weekly-digest}. */
	String kind();

	/**
	 * Whether this is a newsletter to a subscriber, which carries the manage and one-click unsubscribe
	 * links; a confirmation or a service notice to a partner organisation has none.
	 */
	default boolean isNewsletter() {
		return true;
	}

	/** Asks to confirm a new subscription; the only letter an unconfirmed address ever gets. */
	record Confirmation(URI confirmUrl, Duration validFor) implements Letter {

		@Override
		public String kind() {
			return "confirmation";
		}

		@Override
		public boolean isNewsletter() {
			return false;
		}

	}

	/** Someone subscribed an address that is already confirmed: here is how to manage it, nothing changed. */
	record AlreadySubscribed() implements Letter {

		@Override
		public String kind() {
			return "already-subscribed";
		}

	}

	/** The weekly digest of what is coming up in the subscriber's kommuner. */
	record WeeklyDigest(LocalDate from, LocalDate to, List<ListedItem> items) implements Letter {

		@Override
		public String kind() {
			return "weekly-digest";
		}

	}

	/**
	 * The announcement two weeks before a Danmark Spiser Sammen week, with the meals in the
	 * subscriber's kommuner (possibly none yet: then it invites them to host one).
	 */
	record DsmAnnouncement(int week, int year, LocalDate monday, LocalDate sunday, List<ListedItem> meals)
			implements Letter {

		@Override
		public String kind() {
			return "dsm-announcement";
		}

	}

	/** A newsletter an administrator wrote for a campaign; subject and body are plain text. */
	record CampaignNewsletter(String campaign, String subject, String body, List<ListedItem> activities)
			implements Letter {

		@Override
		public String kind() {
			return "campaign";
		}

	}

	/** A newly published event that matches an {@code instant} subscriber. */
	record InstantNotice(ListedItem item) implements Letter {

		@Override
		public String kind() {
			return "instant";
		}

	}

	/**
	 * Tells a partner organisation that the platform stopped delivering to one of its webhook
	 * endpoints after it kept failing, and how to turn it on again. Sent to the organisation's
	 * contact address; no newsletter links.
	 *
	 * @param url the endpoint's URL
	 * @param webhookId the endpoint's id, as the API shows it
	 * @param failures consecutive failed attempts
	 * @param failingSince the first failure of the run
	 * @param lastError the last attempt's HTTP status or error class, e.g. {@code HTTP 503}
	 * @param disabledAt when it was turned off
	 */
	record WebhookDisabled(String url, String webhookId, long failures, Instant failingSince, String lastError,
			Instant disabledAt) implements Letter {

		@Override
		public String kind() {
			return "webhook-disabled";
		}

		@Override
		public boolean isNewsletter() {
			return false;
		}

	}

	/**
	 * Asks an organisation to re-confirm an offer that will soon turn stale and then leave the
	 * public feed (issue 11: no dead listings). Sent to the organisation's contact address; no
	 * newsletter links.
	 *
	 * @param title the offer's title
	 * @param eventId the offer's id, as the API shows it
	 * @param confirmedAt when it was last confirmed
	 * @param staleAt when it is shown as stale
	 * @param hiddenAt when it leaves the public feed
	 */
	record ReconfirmationRequested(String title, String eventId, Instant confirmedAt, Instant staleAt,
			Instant hiddenAt) implements Letter {

		@Override
		public String kind() {
			return "reconfirmation";
		}

		@Override
		public boolean isNewsletter() {
			return false;
		}

	}

}
