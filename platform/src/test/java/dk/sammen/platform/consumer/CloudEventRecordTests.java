package dk.sammen.platform.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CloudEventRecordTests {

	@Test
	void of_readsBinaryModeHeadersAndData() {
		ConsumerRecord<String, byte[]> record = record("evt-1", "{\"a\":1}");
		header(record, "ce_id", "c-1");
		header(record, "ce_type", "dk.sammen.event.published.v1");
		header(record, "ce_source", "/sammen/events-service");
		header(record, "ce_specversion", "1.0");
		header(record, "ce_time", "2027-04-29T15:30:00Z");

		CloudEventRecord event = CloudEventRecord.of(record);

		assertThat(event.id()).isEqualTo("c-1");
		assertThat(event.type()).isEqualTo("dk.sammen.event.published.v1");
		assertThat(event.source()).isEqualTo("/sammen/events-service");
		assertThat(event.time()).isEqualTo(Instant.parse("2027-04-29T15:30:00Z"));
		assertThat(event.key()).isEqualTo("evt-1");
		assertThat(new String(event.data(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
	}

	@Test
	void of_rejectsRecordWithoutCloudEventHeadersAsPoison() {
		assertThatExceptionOfType(PoisonMessageException.class)
			.isThrownBy(() -> CloudEventRecord.of(record("evt-1", "{}")))
			.withMessageContaining("ce_specversion");
	}

	@Test
	void of_rejectsMissingIdAsPoison() {
		ConsumerRecord<String, byte[]> record = record("evt-1", "{}");
		header(record, "ce_specversion", "1.0");
		header(record, "ce_type", "t");
		header(record, "ce_source", "/s");
		assertThatExceptionOfType(PoisonMessageException.class).isThrownBy(() -> CloudEventRecord.of(record))
			.withMessageContaining("ce_id");
	}

	@Test
	void of_rejectsEmptyDataAsPoison() {
		ConsumerRecord<String, byte[]> record = record("evt-1", "");
		header(record, "ce_specversion", "1.0");
		header(record, "ce_id", "c-1");
		header(record, "ce_type", "t");
		header(record, "ce_source", "/s");
		assertThatExceptionOfType(PoisonMessageException.class).isThrownBy(() -> CloudEventRecord.of(record))
			.withMessageContaining("no data");
	}

	@Test
	void deadLetterTopic_isNamedPerGroup() {
		assertThat(DeadLetterTopics.of("sammen.events.v1", "campaign-service"))
			.isEqualTo("sammen.events.v1.campaign-service-dlt");
	}

	private static ConsumerRecord<String, byte[]> record(String key, String value) {
		return new ConsumerRecord<>("sammen.events.v1", 0, 0, key, value.getBytes(StandardCharsets.UTF_8));
	}

	private static void header(ConsumerRecord<String, byte[]> record, String name, String value) {
		record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
	}

}
