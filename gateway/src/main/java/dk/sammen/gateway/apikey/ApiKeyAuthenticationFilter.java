package dk.sammen.gateway.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dk.sammen.platform.identity.ApiKeySecrets;
import dk.sammen.platform.identity.CallerIdentity;
import dk.sammen.platform.identity.Role;
import dk.sammen.platform.identity.SignedIdentities;
import dk.sammen.platform.problem.ApiProblem;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Authenticates {@code Authorization: Bearer <api-key>} and forwards the caller as a signed
 * identity. A client can never send an identity of its own: the identity header is removed from
 * every request, and the key itself is not forwarded either, so no service can log or leak it.
 * A request without a key goes on anonymously; each service decides what is public, except on
 * the paths that only ever serve a caller's own data (the change feed and events by external id),
 * which are refused here already. A key that is unknown, revoked or malformed is answered 401 here
 * and never reaches a service.
 */
final class ApiKeyAuthenticationFilter implements GlobalFilter, Ordered {

	/** The admin bootstrap key's key id, as it appears in audit records. */
	private static final String ADMIN_KEY_ID = "admin-bootstrap";

	/** RFC 6750 {@code b64token}; the scheme is case-insensitive (RFC 9110). */
	private static final Pattern BEARER = Pattern.compile("(?i:Bearer) +([A-Za-z0-9._~+/-]+=*)");

	/** Partner-integration endpoints (CONTRACT section 9): nothing there is public. */
	private static final List<PathPattern> KEY_REQUIRED = Stream
		.of("/api/v1/events/changes", "/api/v1/events/by-external-id/**")
		.map(PathPatternParser.defaultInstance::parse)
		.toList();

	private final ApiKeyDirectory directory;

	private final SignedIdentities identities;

	private final String identityHeader;

	private final byte @Nullable [] adminKeySha256;

	ApiKeyAuthenticationFilter(ApiKeyDirectory directory, SignedIdentities identities, String identityHeader,
			@Nullable String adminKey) {
		this.directory = directory;
		this.identities = identities;
		this.identityHeader = identityHeader;
		this.adminKeySha256 = (adminKey == null || adminKey.isBlank()) ? null : hashBytes(adminKey);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		List<String> authorization = exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION);
		if (authorization.isEmpty()) {
			PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
			if (KEY_REQUIRED.stream().anyMatch((pattern) -> pattern.matches(path))) {
				// RFC 6750 section 3.1: a request without credentials gets no error code
				ApiProblem problem = ApiProblem.unauthorized("Send 'Authorization: Bearer <api-key>'");
				problem.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"sammen\"");
				return Mono.error(problem);
			}
			return chain.filter(forward(exchange, null));
		}
		Matcher bearer = BEARER.matcher(authorization.get(0).strip());
		if (authorization.size() > 1 || !bearer.matches()) {
			return Mono.error(unauthorized("invalid_request", "Send 'Authorization: Bearer <api-key>'"));
		}
		return authenticate(bearer.group(1))
			.map((caller) -> chain.filter(forward(exchange, this.identities.sign(caller))))
			.orElseGet(() -> Mono.error(unauthorized("invalid_token", "The API key is not valid")));
	}

	/** Early, so that no filter after it ever sees a client-supplied identity. */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 100;
	}

	private Optional<CallerIdentity> authenticate(String key) {
		String sha256 = ApiKeySecrets.sha256(key);
		// constant time, so the response time tells nothing about how much of the admin key matched
		if (this.adminKeySha256 != null
				&& MessageDigest.isEqual(this.adminKeySha256, sha256.getBytes(StandardCharsets.US_ASCII))) {
			return Optional.of(new CallerIdentity(CallerIdentity.PLATFORM, Role.ADMIN, ADMIN_KEY_ID));
		}
		return this.directory.find(sha256);
	}

	private ServerWebExchange forward(ServerWebExchange exchange, @Nullable String signedIdentity) {
		if (signedIdentity == null && !exchange.getRequest().getHeaders().containsHeader(this.identityHeader)) {
			// an anonymous read, the common case: nothing to remove, so no copy of every header
			return exchange;
		}
		return exchange.mutate().request((request) -> request.headers((headers) -> {
			headers.remove(this.identityHeader);
			headers.remove(HttpHeaders.AUTHORIZATION);
			if (signedIdentity != null) {
				headers.set(this.identityHeader, signedIdentity);
			}
		})).build();
	}

	private static ApiProblem unauthorized(String error, String detail) {
		ApiProblem problem = ApiProblem.unauthorized(detail);
		problem.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"sammen\", error=\"" + error + "\"");
		return problem;
	}

	private static byte[] hashBytes(String key) {
		return ApiKeySecrets.sha256(key).getBytes(StandardCharsets.US_ASCII);
	}

}
