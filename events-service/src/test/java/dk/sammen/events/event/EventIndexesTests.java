package dk.sammen.events.event;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dk.sammen.events.EventsIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.IndexInfo;

import static org.assertj.core.api.Assertions.assertThat;

class EventIndexesTests extends EventsIntegrationTest {

	@Autowired
	ReactiveMongoTemplate mongo;

	@Test
	void startup_declaresTheListingIndexes() {
		List<String> names = this.mongo.indexOps(PartnerEvent.class)
			.getIndexInfo()
			.map(IndexInfo::getName)
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(names).contains("public_by_start", "own_by_start", "kommune_by_start", "region_by_start",
				"programme_by_start", "campaign_by_start", "position", "words", "outbox_pending", "changes",
				"own_changes");
	}

}
