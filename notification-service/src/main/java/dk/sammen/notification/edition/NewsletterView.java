package dk.sammen.notification.edition;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** An edition's progress, as {@code GET /api/v1/admin/newsletters/{id}} shows it. */
record NewsletterView(String id, String kind, String status, long targeted, long sent, long failed, long skipped,
		long pending, Instant createdAt, String requestedBy, @Nullable Instant fannedOutAt,
		@Nullable Instant completedAt) {

	static NewsletterView of(Edition edition, DeliveryProgress.Counts counts) {
		return new NewsletterView(edition.id(), edition.kind().slug(), edition.status(), edition.targeted(),
				counts.sent(), counts.failed(), counts.skipped(), Math.max(0, edition.targeted() - counts.done()),
				edition.createdAt(), edition.requestedBy(), edition.fannedOutAt(), edition.completedAt());
	}

}
