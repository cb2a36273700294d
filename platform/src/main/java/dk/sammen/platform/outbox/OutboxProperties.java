package dk.sammen.platform.outbox;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * The outbox relay.
 *
 * @param collections the MongoDB collections whose documents carry an outbox
 * @param source the CloudEvent {@code source} of this service
 * @param pollInterval how often to look for pending messages when not woken by a write
 * @param lease how long one relay instance owns a document while sending; another replica takes
 * over after that if the owner died
 * @param retryBackoff pause after a failed send (e.g. the broker is down)
 * @param batchSize most documents one relay step claims and sends together; their
 * acknowledgements are awaited together, so this bounds the messages in flight
 */
@ConfigurationProperties("sammen.outbox")
public record OutboxProperties(@DefaultValue List<String> collections, URI source,
		@DefaultValue("500ms") Duration pollInterval, @DefaultValue("30s") Duration lease,
		@DefaultValue("1s") Duration retryBackoff, @DefaultValue("200") int batchSize) {

	public OutboxProperties {
		Assert.isTrue(batchSize >= 1, "sammen.outbox.batch-size must be at least 1");
	}

}
