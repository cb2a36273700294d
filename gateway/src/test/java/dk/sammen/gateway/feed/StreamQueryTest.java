package dk.sammen.gateway.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import dk.sammen.contracts.campaign.CampaignActivitySnapshotV1;
import dk.sammen.contracts.event.EventSnapshotV1;
import dk.sammen.platform.geography.Kommuner;

import static org.assertj.core.api.Assertions.assertThat;

/** The stream's welcome filter, which must keep and drop what the listing keeps and drops. */
class StreamQueryTest {

	private static final Kommuner KOMMUNER = Kommuner.load();

	private static final Instant NOW = Instant.parse("2027-04-01T08:00:00Z");

	@Test
	void welcomeFilter_keepsEventsWithAnyOfTheFlags_andDropsTheRest() {
		StreamQuery query = StreamQuery.parse(params("welcome", "kom-alene", "welcome", "bordvaert"), KOMMUNER);
		assertThat(query.matches(event(List.of("bordvaert")), NOW)).isTrue();
		assertThat(query.matches(event(List.of("foelgeskab")), NOW)).isFalse();
		assertThat(query.matches(event(List.of()), NOW)).isFalse();
		assertThat(StreamQuery.parse(params(), KOMMUNER).matches(event(List.of()), NOW)).isTrue();
	}

	@Test
	void welcomeFilter_matchesNoCampaignActivity() {
		CampaignActivitySnapshotV1 activity = new CampaignActivitySnapshotV1("a-1", "vaer-en-som-raekker-ud",
				"published", 1, "talk", "Foredrag om ensomhed", "", Instant.parse("2027-04-29T15:30:00Z"), null, null,
				null, "https://example.dk/foredrag", NOW, NOW);
		assertThat(StreamQuery.parse(params(), KOMMUNER).matches(activity, NOW)).isTrue();
		assertThat(StreamQuery.parse(params("welcome", "kom-alene"), KOMMUNER).matches(activity, NOW)).isFalse();
	}

	private static MultiValueMap<String, String> params(String... nameValues) {
		MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
		for (int i = 0; i < nameValues.length; i += 2) {
			params.add(nameValues[i], nameValues[i + 1]);
		}
		return params;
	}

	private static EventSnapshotV1 event(List<String> welcome) {
		Instant starts = Instant.parse("2027-04-29T15:30:00Z");
		return new EventSnapshotV1("e-1", "org-1", "Fællesskabsby Ringsted", "published", 1, "Fællesspisning", "",
				"danmark-spiser-sammen", null, starts, starts.plus(Duration.ofHours(2)),
				new EventSnapshotV1.LocationV1("Medborgerhuset", "Nørregade 1", "7500", "By", "0661", "1082", 56.36,
						8.62),
				null, List.of(), List.of(), List.of("alle"), List.of("da"), 0, 40, null, List.of(), welcome, null, null,
				NOW, NOW);
	}

}
