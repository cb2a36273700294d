package dk.sammen.notification.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SSRF rules as a table: what is refused and why, what passes, and that the address to connect
 * to is the one that was checked. Host names resolve through a table here; no test asks real DNS.
 */
class AddressRulesTests {

	private static final Map<String, List<String>> DNS = Map.of(
			"hooks.example.dk", List.of("93.184.216.34"),
			"v6.example.dk", List.of("2606:2800:220:1:248:1893:25c8:1946"),
			"internal.example.dk", List.of("10.1.2.3"),
			"metadata.example.dk", List.of("169.254.169.254"),
			"mixed.example.dk", List.of("93.184.216.34", "192.168.1.10"),
			"localhost", List.of("127.0.0.1", "::1"),
			"rebind.example.dk", List.of("127.0.0.1"));

	private final AddressRules rules = new AddressRules(Set.of(443, 8443), false, AddressRulesTests::resolve);

	private final AddressRules testSwitch = new AddressRules(Set.of(443), true, AddressRulesTests::resolve);

	private static List<InetAddress> resolve(String host) throws UnknownHostException {
		List<String> addresses = DNS.get(host);
		if (addresses == null) {
			throw new UnknownHostException(host);
		}
		return addresses.stream().map(AddressRulesTests::literal).toList();
	}

	private static InetAddress literal(String address) {
		try {
			return InetAddress.getByName(address);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	@ParameterizedTest(name = "{0} is refused: {1}")
	@CsvSource(delimiter = '|', value = {
			"http://hooks.example.dk/sammen | must be an https URL",
			"file:///etc/passwd | must be an https URL",
			"gopher://hooks.example.dk/ | must be an https URL",
			"ftp://hooks.example.dk/ | must be an https URL",
			"//hooks.example.dk/sammen | must be an https URL",
			"https://user:pw@hooks.example.dk/sammen | must not contain a user name or password",
			"https://hooks.example.dk@169.254.169.254/ | must not contain a user name or password",
			"https://hooks.example.dk/sammen#x | must not contain a fragment",
			"https://hooks.example.dk:80/sammen | must use port 443",
			"https://hooks.example.dk:22/ | must use port 443",
			"https://127.0.0.1/ | resolves to 127.0.0.1, which is not a public address",
			// java.net.URI finds no server host in these two, so they fail even before the IPv4 rule
			"https://127.1/ | must name a host",
			"https://2130706433/ | must write an IPv4 address as four decimal numbers",
			"https://0x7f000001/ | must write an IPv4 address as four decimal numbers",
			"https://0177.0.0.1/ | must write an IPv4 address as four decimal numbers",
			"https://0x7f.0.0.1/ | must name a host",
			"https://017700000001/ | must write an IPv4 address as four decimal numbers",
			"https://0.0.0.0/ | resolves to 0.0.0.0",
			"https://169.254.169.254/latest/meta-data/ | resolves to 169.254.169.254",
			"https://10.0.0.1/ | resolves to 10.0.0.1",
			"https://172.16.5.4/ | resolves to 172.16.5.4",
			"https://172.31.255.255/ | resolves to 172.31.255.255",
			"https://192.168.0.1/ | resolves to 192.168.0.1",
			"https://100.64.0.1/ | resolves to 100.64.0.1",
			"https://100.127.255.254/ | resolves to 100.127.255.254",
			"https://224.0.0.1/ | resolves to 224.0.0.1",
			"https://239.255.255.250/ | resolves to 239.255.255.250",
			"https://255.255.255.255/ | resolves to 255.255.255.255",
			"https://192.0.2.10/ | resolves to 192.0.2.10",
			"https://198.18.0.1/ | resolves to 198.18.0.1",
			"https://[::1]/ | resolves to 0:0:0:0:0:0:0:1",
			"https://[::]/ | resolves to 0:0:0:0:0:0:0:0",
			"https://[fc00::1]/ | resolves to fc00:0:0:0:0:0:0:1",
			"https://[fd12:3456:789a::1]/ | resolves to fd12:3456:789a:0:0:0:0:1",
			"https://[fe80::1]/ | resolves to fe80:0:0:0:0:0:0:1",
			"https://[ff02::1]/ | resolves to ff02:0:0:0:0:0:0:1",
			"https://[::ffff:127.0.0.1]/ | resolves to 127.0.0.1",
			"https://[::ffff:169.254.169.254]/ | resolves to 169.254.169.254",
			"https://[::ffff:10.0.0.1]/ | resolves to 10.0.0.1",
			"https://[::127.0.0.1]/ | resolves to 0:0:0:0:0:0:7f00:1",
			"https://[64:ff9b::a9fe:a9fe]/ | resolves to 64:ff9b:0:0:0:0:a9fe:a9fe",
			"https://[2002:7f00:1::]/ | resolves to 2002:7f00:1:0:0:0:0:0",
			"https://[2001:db8::1]/ | resolves to 2001:db8:0:0:0:0:0:1",
			"https://[fe80::1%25eth0]/ | must not use an IPv6 zone",
			"https://localhost/ | resolves to 127.0.0.1",
			"https://internal.example.dk/ | resolves to 10.1.2.3",
			"https://metadata.example.dk/ | resolves to 169.254.169.254",
			"https://mixed.example.dk/ | resolves to 192.168.1.10",
			"https://nowhere.example.dk/ | names a host that does not resolve",
			"https://%31%32%37.0.0.1/ | must name a host",
			"https://under_score.example.dk/ | must name a host",
			"https://hooks.example.dk:0/ | must use port 443",
			"not a url | is not a valid URL" })
	void vet_refusesUnsafeUrl(String url, String reason) {
		assertThatThrownBy(() -> this.rules.vet(url)).isInstanceOf(UnsafeUrlException.class).hasMessageContaining(reason);
	}

	@ParameterizedTest(name = "{0} is accepted, connecting to {1}")
	@CsvSource(delimiter = '|', value = {
			"https://hooks.example.dk/sammen | 93.184.216.34 | 443 | /sammen | hooks.example.dk",
			"https://HOOKS.example.dk./sammen?x=1&y=%20 | 93.184.216.34 | 443 | /sammen?x=1&y=%20 | hooks.example.dk",
			"https://hooks.example.dk:8443 | 93.184.216.34 | 8443 | / | hooks.example.dk:8443",
			"https://hooks.example.dk:443/a/b | 93.184.216.34 | 443 | /a/b | hooks.example.dk",
			"https://93.184.216.34/x | 93.184.216.34 | 443 | /x | 93.184.216.34",
			"https://v6.example.dk/ | 2606:2800:220:1:248:1893:25c8:1946 | 443 | / | v6.example.dk",
			"https://[2606:2800:220:1:248:1893:25c8:1946]/ | 2606:2800:220:1:248:1893:25c8:1946 | 443 | / | [2606:2800:220:1:248:1893:25c8:1946]",
			"https://[::ffff:93.184.216.34]/ | 93.184.216.34 | 443 | / | [::ffff:93.184.216.34]",
			"https://8.8.8.8/ | 8.8.8.8 | 443 | / | 8.8.8.8",
			"https://100.128.0.1/ | 100.128.0.1 | 443 | / | 100.128.0.1",
			"https://172.32.0.1/ | 172.32.0.1 | 443 | / | 172.32.0.1" })
	void vet_acceptsPublicHttpsAndPinsTheCheckedAddress(String url, String address, int port, String target,
			String hostHeader) throws Exception {
		AddressRules.Target vetted = this.rules.vet(url);

		assertThat(vetted.address()).isEqualTo(literal(address));
		assertThat(vetted.port()).isEqualTo(port);
		assertThat(vetted.pathAndQuery()).isEqualTo(target);
		assertThat(vetted.hostHeader()).isEqualTo(hostHeader);
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://localhost/", "https://127.0.0.1/", "https://10.0.0.1/", "https://[::1]/",
			"https://[fd00::1]/" })
	void vet_acceptsLoopbackAndPrivate_onlyWithTheTestSwitch(String url) throws Exception {
		assertThatThrownBy(() -> this.rules.vet(url)).isInstanceOf(UnsafeUrlException.class);
		assertThat(this.testSwitch.vet(url).address()).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://169.254.169.254/", "https://0.0.0.0/", "https://[fe80::1]/", "https://224.0.0.1/",
			"https://100.64.0.1/", "https://[::ffff:169.254.169.254]/", "https://[64:ff9b::a00:1]/" })
	void vet_refusesLinkLocalAndSpecialRanges_evenWithTheTestSwitch(String url) {
		assertThatThrownBy(() -> this.testSwitch.vet(url)).isInstanceOf(UnsafeUrlException.class)
			.hasMessageContaining("not a public address");
	}

	@Test
	void vet_asksDnsAgain_soAChangedAnswerIsRefusedAtDelivery() throws Exception {
		Map<String, List<String>> answers = new java.util.HashMap<>(Map.of("flip.example.dk", List.of("93.184.216.34")));
		AddressRules changing = new AddressRules(Set.of(443), false,
				(host) -> answers.get(host).stream().map(AddressRulesTests::literal).toList());
		assertThat(changing.vet("https://flip.example.dk/").address()).isEqualTo(literal("93.184.216.34"));

		answers.put("flip.example.dk", List.of("127.0.0.1"));

		assertThatThrownBy(() -> changing.vet("https://flip.example.dk/")).isInstanceOf(UnsafeUrlException.class)
			.hasMessageContaining("127.0.0.1");
	}

	@Test
	void parse_refusesOverlongUrl() {
		assertThatThrownBy(() -> this.rules.parse("https://hooks.example.dk/" + "a".repeat(2100)))
			.isInstanceOf(UnsafeUrlException.class)
			.hasMessageContaining("at most 2048");
	}

}
