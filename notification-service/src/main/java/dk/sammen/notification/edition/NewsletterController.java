package dk.sammen.notification.edition;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dk.sammen.platform.Digests;
import dk.sammen.platform.identity.CallerIdentity;
import dk.sammen.platform.problem.ApiProblem;
import dk.sammen.platform.problem.Violations;
import dk.sammen.platform.programme.DanmarkSpiserSammenWeek;
import dk.sammen.platform.text.PlainText;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Administrators trigger any edition and follow its progress (CONTRACT section 6). */
@RestController
@RequestMapping("/api/v1/admin/newsletters")
class NewsletterController {

	private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");

	private static final int MAX_SUBJECT = 200;

	private static final int MAX_BODY = 20_000;

	private final Editions editions;

	private final DeliveryProgress progress;

	private final ReactiveMongoTemplate mongo;

	private final EditionProperties properties;

	NewsletterController(Editions editions, DeliveryProgress progress, ReactiveMongoTemplate mongo,
			EditionProperties properties) {
		this.editions = editions;
		this.progress = progress;
		this.mongo = mongo;
		this.properties = properties;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Map<String, String>>> trigger(CallerIdentity caller,
			@RequestBody NewsletterRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey) {
		CallerIdentity admin = requireAdmin(caller);
		Violations violations = new Violations();
		EditionKind kind = kindOf(request, violations);
		EditionSpec spec = (kind != null) ? specOf(kind, request, violations) : null;
		violations.throwIfAny();
		String id = kind.slug() + "-" + ((idempotencyKey != null)
				? Digests.sha256Hex(admin.keyId() + "|" + idempotencyKey).substring(0, 24) : UUID.randomUUID());
		return this.editions.create(id, kind, spec, admin.keyId())
			.map((edition) -> ResponseEntity.accepted()
				.location(URI.create("/api/v1/admin/newsletters/" + edition.id()))
				.body(Map.of("id", edition.id())));
	}

	@GetMapping("/{id}")
	Mono<NewsletterView> show(CallerIdentity caller, @PathVariable String id) {
		requireAdmin(caller);
		return this.editions.find(id)
			.switchIfEmpty(Mono.error(() -> ApiProblem.notFound("No newsletter edition " + id)))
			.flatMap((edition) -> this.progress.of(id).map((counts) -> NewsletterView.of(edition, counts)));
	}

	@GetMapping
	Mono<Map<String, Object>> recent(CallerIdentity caller) {
		requireAdmin(caller);
		return this.mongo.find(new Query().with(Sort.by(Sort.Direction.DESC, "createdAt")).limit(50), Edition.class)
			.concatMap((edition) -> this.progress.of(edition.id()).map((counts) -> NewsletterView.of(edition, counts)))
			.collectList()
			.map((items) -> Map.of("items", items));
	}

	private static CallerIdentity requireAdmin(CallerIdentity caller) {
		if (!caller.isAdmin()) {
			throw ApiProblem.forbidden("Only administrators manage newsletters");
		}
		return caller;
	}

	private static @Nullable EditionKind kindOf(NewsletterRequest request, Violations violations) {
		EditionKind kind = (request.kind() != null) ? EditionKind.fromSlug(request.kind()).orElse(null) : null;
		if (kind == null || kind == EditionKind.INSTANT) {
			violations.add("kind", "must be weekly-digest, dsm-announcement or campaign");
			return null;
		}
		return kind;
	}

	private @Nullable EditionSpec specOf(EditionKind kind, NewsletterRequest request, Violations violations) {
		Instant now = this.editions.now();
		return switch (kind) {
			case WEEKLY_DIGEST -> EditionSpec.period(now, now.plus(this.properties.digestPeriod()));
			case DSM_ANNOUNCEMENT -> {
				DanmarkSpiserSammenWeek week = weekOf(request.week(), now, violations);
				yield (week != null) ? EditionSpec.dsmWeek(week.weekBasedYear(), week.week()) : null;
			}
			case CAMPAIGN -> {
				violations.require(request.campaign() != null && request.campaign().matches("[a-z0-9-]{1,80}"),
						"campaign", "must be a campaign slug");
				LocalizedText subject = text(violations, "subject", request.subject(), false);
				LocalizedText body = text(violations, "body", request.body(), true);
				yield (subject != null && body != null && request.campaign() != null)
						? EditionSpec.campaign(request.campaign(), subject, body, now,
								now.plus(this.properties.campaignPeriod()))
						: null;
			}
			case INSTANT -> null;
		};
	}

	private static @Nullable LocalizedText text(Violations violations, String field, @Nullable LocalizedText text,
			boolean multiline) {
		if (text == null) {
			violations.add(field, "is required, in da and en");
			return null;
		}
		String da = multiline ? paragraphs(violations, field + ".da", text.da())
				: PlainText.required(violations, field + ".da", text.da(), MAX_SUBJECT);
		String en = multiline ? paragraphs(violations, field + ".en", text.en())
				: PlainText.required(violations, field + ".en", text.en(), MAX_SUBJECT);
		return (da != null && en != null) ? new LocalizedText(da, en) : null;
	}

	/** Plain text that may have line breaks, unlike a subject. */
	private static @Nullable String paragraphs(Violations violations, String field, @Nullable String value) {
		String stripped = (value != null) ? value.strip().replace("\r\n", "\n") : "";
		boolean ok = violations.require(!stripped.isEmpty() && stripped.length() <= MAX_BODY, field,
				"required, 1 to " + MAX_BODY + " characters")
				&& violations.require(stripped.chars().noneMatch((c) -> Character.isISOControl(c) && c != '\n' && c != '\t'),
						field, "must not contain control characters other than line breaks");
		return ok ? stripped : null;
	}

	private @Nullable DanmarkSpiserSammenWeek weekOf(@Nullable String week, Instant now, Violations violations) {
		if (week == null) {
			return DanmarkSpiserSammenWeek.upcoming(LocalDate.ofInstant(now, this.properties.zone()), 1).getFirst();
		}
		Matcher matcher = WEEK.matcher(week);
		if (!matcher.matches() || !DanmarkSpiserSammenWeek.WEEKS.contains(Integer.parseInt(matcher.group(2)))) {
			violations.add("week", "must be a Danmark Spiser Sammen week, e.g. 2027-W17 or 2027-W45");
			return null;
		}
		return new DanmarkSpiserSammenWeek(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
	}

}
