package dk.sammen.notification.delivery;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The one record of one mail of one edition to one subscriber: its unique id is what makes a second
 * copy impossible. Holds no address, so erasing a subscriber leaves nothing personal here.
 *
 * @param id {@code <editionId>:<subscriberId>}
 * @param status {@code claimed}, {@code sent}, {@code failed} or {@code skipped}
 * @param reason why it failed or was skipped
 * @param attempts how many times sending was started
 * @param claimedAt when the current worker claimed it
 * @param sendingSince set just before the SMTP conversation starts: a claim that dies after this may
 * have been sent, and is never sent again
 * @param requeuedAt when the reconciler last queued the task again for a dead worker's claim
 */
@Document(DeliveryRecord.COLLECTION)
@CompoundIndexes({ @CompoundIndex(name = "edition_status", def = "{'editionId': 1, 'status': 1}"),
		@CompoundIndex(name = "status_claimed", def = "{'status': 1, 'claimedAt': 1}") })
record DeliveryRecord(@Id String id, String editionId, String editionKind, String subscriberId, String status,
		@Nullable String reason, int attempts, Instant claimedAt, @Nullable Instant sendingSince,
		@Nullable Instant requeuedAt, @Nullable Instant finishedAt) {

	static final String COLLECTION = "deliveries";

	static final String CLAIMED = "claimed";

	static final String SENT = "sent";

	static final String FAILED = "failed";

	static final String SKIPPED = "skipped";

	static String idOf(String editionId, String subscriberId) {
		return editionId + ":" + subscriberId;
	}

	boolean isFinished() {
		return !CLAIMED.equals(this.status);
	}

}
