package dk.sammen.gateway.ratelimit;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** Which address a request is counted against, with and without trusted proxies. */
class ClientAddressKeyResolverTest {

	private static final InetSocketAddress PROXY = new InetSocketAddress("10.0.0.5", 41234);

	@Test
	void ignoresXForwardedFor_whenNoProxyIsTrusted() {
		MockServerHttpRequest request = MockServerHttpRequest.get("/api/v1/feed")
			.remoteAddress(new InetSocketAddress("192.0.2.10", 50000))
			.header(ClientAddressKeyResolver.X_FORWARDED_FOR, "203.0.113.7")
			.build();

		assertThat(new ClientAddressKeyResolver(0).clientAddress(request)).isEqualTo("192.0.2.10");
	}

	@ParameterizedTest
	@CsvSource(delimiter = ';', value = { "1; 203.0.113.7; 203.0.113.7",
			"1; 198.51.100.1, 203.0.113.7; 203.0.113.7", "2; 198.51.100.1, 203.0.113.7, 10.0.0.9; 203.0.113.7",
			"2; 203.0.113.7; 203.0.113.7", "1; 198.51.100.1 ,  203.0.113.7 ; 203.0.113.7" })
	void takesTheEntryOfTheOutermostTrustedProxy_whenProxiesAreTrusted(int trusted, String forwardedFor,
			String client) {
		MockServerHttpRequest request = MockServerHttpRequest.get("/api/v1/feed")
			.remoteAddress(PROXY)
			.header(ClientAddressKeyResolver.X_FORWARDED_FOR, forwardedFor)
			.build();

		assertThat(new ClientAddressKeyResolver(trusted).clientAddress(request)).isEqualTo(client);
	}

	@Test
	void readsEveryXForwardedForLine_asOneList() {
		MockServerHttpRequest request = MockServerHttpRequest.get("/")
			.remoteAddress(PROXY)
			.header(ClientAddressKeyResolver.X_FORWARDED_FOR, "198.51.100.1", "203.0.113.7")
			.build();

		assertThat(new ClientAddressKeyResolver(1).clientAddress(request)).isEqualTo("203.0.113.7");
	}

	@ParameterizedTest
	@CsvSource({ "attacker.example", "unknown", "_hidden", "203.0.113.7:8080" })
	void usesTheConnection_whenTheTrustedEntryIsNoIpAddress(String entry) {
		MockServerHttpRequest request = MockServerHttpRequest.get("/")
			.remoteAddress(PROXY)
			.header(ClientAddressKeyResolver.X_FORWARDED_FOR, entry)
			.build();

		assertThat(new ClientAddressKeyResolver(1).clientAddress(request)).isEqualTo("10.0.0.5");
	}

	@Test
	void usesTheConnection_whenXForwardedForIsMissing() {
		MockServerHttpRequest request = MockServerHttpRequest.get("/").remoteAddress(PROXY).build();

		assertThat(new ClientAddressKeyResolver(1).clientAddress(request)).isEqualTo("10.0.0.5");
	}

	@ParameterizedTest
	@CsvSource({ "2001:db8:1:2:aaaa:bbbb:cccc:dddd, 2001:db8:1:2:0:0:0:0/64", "[2001:db8:1:2::1], 2001:db8:1:2:0:0:0:0/64",
			"::ffff:203.0.113.7, 203.0.113.7" })
	void keysIpv6Clients_byTheirSlash64(String forwardedFor, String key) {
		MockServerHttpRequest request = MockServerHttpRequest.get("/")
			.remoteAddress(PROXY)
			.header(ClientAddressKeyResolver.X_FORWARDED_FOR, forwardedFor)
			.build();

		assertThat(new ClientAddressKeyResolver(1).clientAddress(request)).isEqualTo(key);
	}

	@Test
	void keysByUnknown_whenNoAddressIsKnown() {
		MockServerHttpRequest request = MockServerHttpRequest.get("/").build();

		assertThat(new ClientAddressKeyResolver(0).clientAddress(request)).isEqualTo("unknown");
	}

}
