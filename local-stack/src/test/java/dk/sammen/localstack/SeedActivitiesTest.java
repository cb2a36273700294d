package dk.sammen.localstack;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeedActivitiesTest {

	private static final ZonedDateTime SEED_TIME = ZonedDateTime.of(2026, 3, 26, 9, 0, 0, 0, SeedEvent.DANISH_TIME);

	private final SeedActivities data = SeedActivities.load();

	@Test
	void load_isTheNationalCampaignWithActivitiesOfEveryKind() {
		assertThat(this.data.campaign()).isEqualTo("vaer-en-som-raekker-ud");
		assertThat(this.data.activities()).extracting((activity) -> activity.path("kind").asText())
			.contains("talk", "radio-segment", "school-activity", "workplace-activity", "media-piece",
					"ambassador-story");
	}

	@Test
	void body_hasOnlyTheContractsFieldsAndComesAfterTheSeedTime() {
		assertThat(this.data.activities()).allSatisfy((activity) -> {
			ObjectNode body = SeedActivities.body(activity, SEED_TIME);
			assertThat(fieldNames(body)).containsExactlyInAnyOrder("kind", "title", "description", "kommuneCode",
					"url", "startsAt", "endsAt");
			assertThat(body.path("url").asText()).as("campaign-service requires a URL").startsWith("https://");
			OffsetDateTime startsAt = OffsetDateTime.parse(body.path("startsAt").asText());
			assertThat(startsAt.toInstant()).isAfter(SEED_TIME.toInstant());
			assertThat(OffsetDateTime.parse(body.path("endsAt").asText())).isAfter(startsAt);
		});
	}

	@Test
	void body_acrossTheSpringDstChange_carriesTheSummerOffset() {
		ObjectNode radio = SeedActivities.body(this.data.activities().get(0), SEED_TIME);
		// three days after 26 March 2026 is 29 March, the first day of summer time
		assertThat(radio.path("startsAt").asText()).isEqualTo("2026-03-29T08:30:00+02:00");
	}

	@Test
	void activities_useKommuneCodesFromTheReferenceListOrAreNationwide() throws IOException {
		Set<String> codes = SeedDataTest.kommuneCodes();
		assertThat(this.data.activities()).allSatisfy((activity) -> {
			if (!activity.path("kommuneCode").isNull()) {
				assertThat(activity.path("kommuneCode").asText()).isIn(codes);
			}
		});
		assertThat(this.data.activities()).anyMatch((activity) -> activity.path("kommuneCode").isNull());
	}

	private static List<String> fieldNames(ObjectNode node) {
		List<String> names = new ArrayList<>();
		node.fieldNames().forEachRemaining(names::add);
		return names;
	}

}
