package dk.sammen.notification.webhook;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.resolver.NoopAddressResolverGroup;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.PrematureCloseException;
import reactor.netty.resources.ConnectionProvider;

/**
 * Posts one webhook request to the address {@link AddressRules} vetted, and nowhere else: the
 * connection goes to that IP (nothing resolves the name again), TLS checks the certificate against
 * the host name the partner registered (SNI and endpoint identification), redirects are never
 * followed (a 3xx is a failed attempt), connect and read time out quickly, a fresh connection
 * is used per request (a pool would be keyed by name, not by the vetted address), and at most
 * {@code maxResponseBytes} of the response body are read and thrown away.
 */
final class WebhookSender {

	private final HttpClient client;

	private final long maxResponseBytes;

	private final Duration readTimeout;

	private final Duration overallTimeout;

	WebhookSender(WebhookProperties properties, SslContext tls) {
		this.maxResponseBytes = properties.maxResponseBytes().toBytes();
		this.readTimeout = properties.readTimeout();
		this.overallTimeout = properties.connectTimeout().plus(properties.readTimeout().multipliedBy(2));
		this.client = HttpClient.create(ConnectionProvider.newConnection())
			// the address is given and vetted; anything that still wanted resolving fails to connect
			.resolver(NoopAddressResolverGroup.INSTANCE)
			.followRedirect(false)
			.keepAlive(false)
			.compress(false)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(properties.connectTimeout().toMillis()))
			.responseTimeout(properties.readTimeout())
			.secure((spec) -> spec.sslContext(tls)
				.handshakeTimeout(properties.connectTimeout())
				.handlerConfigurator((handler) -> {
					SSLEngine engine = handler.engine();
					SSLParameters parameters = engine.getSSLParameters();
					parameters.setEndpointIdentificationAlgorithm("HTTPS");
					engine.setSSLParameters(parameters);
				}));
	}

	/** How one attempt ended: an HTTP status, or the error class that prevented one. */
	record Response(@Nullable Integer status, @Nullable String error, @Nullable String errorClass, Duration duration) {

		boolean succeeded() {
			return this.status != null && this.status >= 200 && this.status < 300;
		}

		/** The answer in a few words, for the delivery log and the partner's mail: {@code HTTP 503}, {@code timeout}. */
		String describe() {
			if (this.status != null) {
				return "HTTP " + this.status + ((this.status >= 300 && this.status < 400) ? " (redirect not followed)" : "");
			}
			return this.error + ((this.errorClass != null) ? " (" + this.errorClass + ")" : "");
		}

	}

	Mono<Response> post(AddressRules.Target target, Map<String, String> headers, byte[] body) {
		long started = System.nanoTime();
		InetSocketAddress pinned;
		try {
			// resolved already: carries the registered name for SNI and certificate checks, the vetted IP to connect to
			pinned = new InetSocketAddress(InetAddress.getByAddress(target.host(), target.address().getAddress()),
					target.port());
		}
		catch (UnknownHostException ex) {
			return Mono.just(failed("refused-address", ex, started));
		}
		return this.client.remoteAddress(() -> pinned)
			.headers((h) -> {
				headers.forEach(h::set);
				h.set(HttpHeaderNames.HOST, target.hostHeader());
			})
			.post()
			.uri(target.pathAndQuery())
			.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
			.responseConnection((response, connection) -> discardBody(connection.inbound().receive())
				.thenReturn(response.status().code()))
			.next()
			.timeout(this.overallTimeout)
			.map((status) -> new Response(status, null, null, since(started)))
			.onErrorResume((ex) -> Mono.just(failed(category(ex), ex, started)));
	}

	/** Reads at most the limit, counting and releasing, so a receiver can finish writing a short answer. */
	private Mono<Void> discardBody(reactor.netty.ByteBufFlux content) {
		return content.map(ByteBuf::readableBytes)
			.scan(0L, Long::sum)
			.takeUntil((total) -> total >= this.maxResponseBytes)
			.then()
			.timeout(this.readTimeout)
			// the status decides the attempt; a body that breaks off changes nothing
			.onErrorResume((ex) -> Mono.empty());
	}

	private static Response failed(String category, Throwable ex, long started) {
		return new Response(null, category, rootCause(ex).getClass().getSimpleName(), since(started));
	}

	private static Duration since(long started) {
		return Duration.ofNanos(System.nanoTime() - started);
	}

	/** The error classes of the delivery log (README "Webhooks"). */
	static String category(Throwable failure) {
		for (Throwable t = failure; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (t instanceof ConnectTimeoutException) {
				return "connect-timeout";
			}
			if (t instanceof ReadTimeoutException || t instanceof TimeoutException) {
				return "timeout";
			}
			if (t instanceof SSLException) {
				return "tls-failed";
			}
			if (t instanceof ConnectException) {
				return "connection-refused";
			}
			if (t instanceof PrematureCloseException) {
				return "connection-closed";
			}
		}
		return (rootCause(failure) instanceof IOException) ? "io-error" : "error";
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable current = failure;
		while (current.getCause() != null && current.getCause() != current) {
			current = current.getCause();
		}
		return current;
	}

}
