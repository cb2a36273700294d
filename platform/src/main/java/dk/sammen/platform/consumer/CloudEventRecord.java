package dk.sammen.platform.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * A CloudEvent 1.0 read from a Kafka record in binary mode: the attributes from the {@code ce_*}
 * headers, the payload as the raw bytes of the record value.
 *
 * @param id {@code ce_id}, what consumers de-duplicate on
 * @param type {@code ce_type}, e.g. {@code dk.sammen.event.published.v1}
 * @param source {@code ce_source}
 * @param time {@code ce_time}, if the producer set it
 * @param key the record key: the aggregate id
 * @param data the JSON payload
 */
public record CloudEventRecord(String id, String type, String source, @Nullable Instant time, @Nullable String key,
		byte[] data) {

	public static final String SPEC_VERSION = "1.0";

	/** Reads the CloudEvent of {@code record}; a record that is not one is poison. */
	public static CloudEventRecord of(ConsumerRecord<?, byte @Nullable []> record) {
		Headers headers = record.headers();
		String specVersion = header(headers, "ce_specversion");
		if (!SPEC_VERSION.equals(specVersion)) {
			throw new PoisonMessageException("Not a CloudEvent 1.0 in binary mode: ce_specversion is " + specVersion);
		}
		String id = required(headers, "ce_id");
		String type = required(headers, "ce_type");
		String source = required(headers, "ce_source");
		String time = header(headers, "ce_time");
		byte[] data = record.value();
		if (data == null || data.length == 0) {
			throw new PoisonMessageException("CloudEvent " + id + " has no data");
		}
		return new CloudEventRecord(id, type, source, (time != null) ? instant(id, time) : null,
				(record.key() != null) ? record.key().toString() : null, data);
	}

	private static Instant instant(String id, String time) {
		try {
			return OffsetDateTime.parse(time).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new PoisonMessageException("CloudEvent " + id + " has a malformed ce_time: " + time, ex);
		}
	}

	private static String required(Headers headers, String name) {
		String value = header(headers, name);
		if (value == null || value.isBlank()) {
			throw new PoisonMessageException("Not a CloudEvent: header " + name + " is missing");
		}
		return value;
	}

	private static @Nullable String header(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
