package dk.sammen.campaign.programme;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import dk.sammen.campaign.participation.PublishedMeals;
import dk.sammen.platform.geography.Kommuner;
import dk.sammen.platform.programme.DanmarkSpiserSammenWeek;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The Danmark Spiser Sammen weeks of this calendar year and the next that are not over yet. */
@RestController
class ProgrammeController {

	private final PublishedMeals meals;

	private final Kommuner kommuner;

	private final Clock clock;

	ProgrammeController(PublishedMeals meals, Kommuner kommuner, Clock clock) {
		this.meals = meals;
		this.kommuner = kommuner;
		this.clock = clock;
	}

	@GetMapping("/api/v1/programmes/danmark-spiser-sammen/weeks")
	Mono<ProgrammeWeeks> weeks() {
		LocalDate today = this.clock.instant().atZone(DanmarkSpiserSammenWeek.DANISH_TIME).toLocalDate();
		List<DanmarkSpiserSammenWeek> weeks = coming(today);
		return this.meals.in(weeks).collectList().map((meals) -> {
			Map<DanmarkSpiserSammenWeek, Map<String, Integer>> byRegion = new HashMap<>();
			Map<DanmarkSpiserSammenWeek, Integer> totals = new HashMap<>();
			for (PublishedMeals.Meal meal : meals) {
				totals.merge(meal.week(), 1, Integer::sum);
				if (meal.regionCode() != null) {
					byRegion.computeIfAbsent(meal.week(), (week) -> new HashMap<>()).merge(meal.regionCode(), 1,
							Integer::sum);
				}
			}
			List<ProgrammeWeeks.Week> answer = weeks.stream().map((week) -> {
				Map<String, Integer> regions = byRegion.getOrDefault(week, Map.of());
				List<ProgrammeWeeks.RegionMeals> regionMeals = this.kommuner.regions().entrySet().stream()
					.sorted(Map.Entry.comparingByKey())
					.map((region) -> new ProgrammeWeeks.RegionMeals(region.getKey(), region.getValue(),
							regions.getOrDefault(region.getKey(), 0)))
					.toList();
				return new ProgrammeWeeks.Week(week.weekBasedYear(), week.week(), week.monday(), week.sunday(),
						totals.getOrDefault(week, 0), regionMeals);
			}).toList();
			return new ProgrammeWeeks("danmark-spiser-sammen", today, answer);
		});
	}

	/** Weeks 17 and 45 of this year and the next whose Sunday is today or later, in order. */
	static List<DanmarkSpiserSammenWeek> coming(LocalDate today) {
		List<DanmarkSpiserSammenWeek> weeks = new ArrayList<>();
		for (int year = today.getYear(); year <= today.getYear() + 1; year++) {
			for (int week : DanmarkSpiserSammenWeek.WEEKS) {
				DanmarkSpiserSammenWeek candidate = new DanmarkSpiserSammenWeek(year, week);
				if (!candidate.sunday().isBefore(today)) {
					weeks.add(candidate);
				}
			}
		}
		return weeks;
	}

}
