package dk.sammen.gateway.feed;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Answers the feed in the format asked for, by {@code Accept} or by suffix. The body is written
 * in full before answering (a page holds at most 100 items), so that its ETag is that of the
 * exact bytes and a matching {@code If-None-Match} costs the client nothing to download. While
 * {@link FeedValidators} knows the answer is unchanged, a matching {@code If-None-Match} costs
 * the gateway nothing either.
 */
final class FeedHandler {

	/** Lists which sources answered, for the formats that have no place for it in the body. */
	static final String SOURCES_HEADER = "Feed-Sources";

	private final FeedService feed;

	private final FeedWriter json;

	private final List<FeedWriter> writers;

	private final CacheControl complete;

	private final FeedMetrics metrics;

	private final FeedValidators validators;

	FeedHandler(FeedService feed, FeedValidators validators, Duration maxAge, FeedMetrics metrics, FeedWriter json,
			FeedWriter... others) {
		this.feed = feed;
		this.validators = validators;
		this.metrics = metrics;
		this.json = json;
		this.writers = new ArrayList<>(List.of(json));
		this.writers.addAll(List.of(others));
		this.complete = CacheControl.maxAge(maxAge).cachePublic();
	}

	Mono<ServerResponse> negotiated(ServerRequest request) {
		return Mono.defer(() -> answer(request, negotiate(request.headers().accept())));
	}

	Mono<ServerResponse> in(ServerRequest request, MediaType format) {
		return Mono.defer(() -> answer(request, writer(format)));
	}

	private Mono<ServerResponse> answer(ServerRequest request, FeedWriter writer) {
		return this.metrics.timed(writer.format(), Mono.defer(() -> page(request, writer)));
	}

	private Mono<ServerResponse> page(ServerRequest request, FeedWriter writer) {
		FeedQuery query = FeedQuery.parse(request.queryParams());
		FeedValidators.Validator known = this.validators.current(writer.format(), request.uri());
		if (known != null && notModified(request, known.etag())) {
			// the client has what the sources would give again: nothing to ask them
			return respond(request, writer, known.etag(), false, known.sources(), known.nextCursor(), null);
		}
		long generation = this.validators.generation();
		return this.feed.page(query).flatMap((page) -> {
			byte[] body = writer.write(page, request.uri());
			String etag = etag(body);
			String sources = page.sources()
				.entrySet()
				.stream()
				.map((source) -> source.getKey() + "=" + source.getValue())
				.collect(Collectors.joining(", "));
			if (!page.partial()) {
				this.validators.remember(writer.format(), request.uri(), generation, etag, sources, page.nextCursor());
			}
			return respond(request, writer, etag, page.partial(), sources, page.nextCursor(),
					notModified(request, etag) ? null : body);
		});
	}

	/** A 304 without a body, or a 200 with it; the same headers either way. */
	private Mono<ServerResponse> respond(ServerRequest request, FeedWriter writer, String etag, boolean partial,
			String sources, @Nullable String nextCursor, byte @Nullable [] body) {
		// a partial answer must not be reused once the missing source is back
		CacheControl cacheControl = partial ? CacheControl.noCache() : this.complete;
		ServerResponse.BodyBuilder response = (body == null) ? ServerResponse.status(HttpStatus.NOT_MODIFIED)
				: ServerResponse.ok();
		response.eTag(etag).cacheControl(cacheControl).varyBy(HttpHeaders.ACCEPT).header(SOURCES_HEADER, sources);
		if (nextCursor != null) {
			response.header(HttpHeaders.LINK, "<" + UriComponentsBuilder.fromUri(request.uri())
				.replaceQueryParam("cursor", nextCursor)
				.build(true)
				.toUriString() + ">; rel=\"next\"");
		}
		return (body == null) ? response.build() : response.contentType(writer.mediaType()).bodyValue(body);
	}

	/** The most preferred format we have; JSON for wildcards and for types we do not write. */
	private FeedWriter negotiate(List<MediaType> accepted) {
		List<MediaType> preferred = new ArrayList<>(accepted);
		preferred.sort(Comparator.comparingDouble(MediaType::getQualityValue)
			.reversed()
			.thenComparing(MediaType::isWildcardType)
			.thenComparing(MediaType::isWildcardSubtype));
		for (MediaType type : preferred) {
			if (type.getQualityValue() > 0) {
				for (FeedWriter writer : this.writers) {
					if (type.includes(writer.mediaType())) {
						return writer;
					}
				}
			}
		}
		return this.json;
	}

	private FeedWriter writer(MediaType format) {
		return this.writers.stream()
			.filter((writer) -> writer.mediaType().equalsTypeAndSubtype(format))
			.findFirst()
			.orElseThrow();
	}

	/** Weak comparison, as RFC 9110 prescribes for {@code If-None-Match}. */
	private static boolean notModified(ServerRequest request, String etag) {
		for (String header : request.headers().header(HttpHeaders.IF_NONE_MATCH)) {
			for (String candidate : header.split(",")) {
				String tag = candidate.strip();
				// no regex: this runs on every conditional GET, which is otherwise nearly free
				if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(etag)) {
					return true;
				}
			}
		}
		return false;
	}

	/** Strong: a hash of the exact bytes, so equal ETags mean equal bodies. */
	private static String etag(byte[] body) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
			return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
