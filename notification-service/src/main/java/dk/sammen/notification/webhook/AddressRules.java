package dk.sammen.notification.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a webhook may point (server-side request forgery rules), checked when an endpoint is
 * registered and again before every delivery, since DNS answers change:
 * <ul>
 * <li>{@code https} only, no user info, no fragment, an ASCII host name or IP literal;</li>
 * <li>port 443 or one of the configured extra ports;</li>
 * <li>an IPv4 address only in its dotted-decimal form: {@code 2130706433}, {@code 0x7f.1},
 * {@code 0177.0.0.1} and {@code 127.1}, which other URL parsers read as 127.0.0.1, are refused;</li>
 * <li>every address the host resolves to is public unicast: no loopback, private (10/8, 172.16/12,
 * 192.168/16, fc00::/7), shared (100.64/10), link-local (169.254/16 with the cloud metadata
 * address, fe80::/10), multicast, unspecified, reserved or documentation ranges, and the same for
 * IPv4 embedded in IPv6 (mapped, compatible, NAT64, 6to4, Teredo).</li>
 * </ul>
 * The result names the one address to connect to, so nothing resolves the name again between
 * the check and the connection.
 */
final class AddressRules {

	private static final int MAX_URL_LENGTH = 2048;

	private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

	private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0x[0-9a-f]*");

	private static final Pattern DOTTED_QUAD = Pattern
		.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

	private final Set<Integer> ports;

	private final boolean allowPrivateNetworks;

	private final HostResolver resolver;

	AddressRules(Set<Integer> ports, boolean allowPrivateNetworks, HostResolver resolver) {
		this.ports = Set.copyOf(ports);
		this.allowPrivateNetworks = allowPrivateNetworks;
		this.resolver = resolver;
	}

	/** A URL that passed every rule, with the address to connect to. */
	record Target(URI uri, String host, int port, InetAddress address) {

		/** The request target: path and query as the partner wrote them. */
		String pathAndQuery() {
			String path = (this.uri.getRawPath() == null || this.uri.getRawPath().isEmpty()) ? "/" : this.uri.getRawPath();
			return (this.uri.getRawQuery() != null) ? path + "?" + this.uri.getRawQuery() : path;
		}

		/** The {@code Host} header: the name the partner wrote, the port only when not 443. */
		String hostHeader() {
			String name = (this.host.indexOf(':') >= 0) ? "[" + this.host + "]" : this.host;
			return (this.port == 443) ? name : name + ":" + this.port;
		}

	}

	/** The URL checked without DNS (the form rules only), as registration answers at once. */
	URI parse(String url) throws UnsafeUrlException {
		if (url.length() > MAX_URL_LENGTH) {
			throw new UnsafeUrlException("must be at most " + MAX_URL_LENGTH + " characters");
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw new UnsafeUrlException("is not a valid URL");
		}
		if (!"https".equalsIgnoreCase(uri.getScheme())) {
			throw new UnsafeUrlException("must be an https URL");
		}
		if (uri.getRawUserInfo() != null) {
			throw new UnsafeUrlException("must not contain a user name or password");
		}
		if (uri.getRawFragment() != null) {
			throw new UnsafeUrlException("must not contain a fragment (#…)");
		}
		String host = uri.getHost();
		if (host == null || host.isEmpty()) {
			// java.net.URI gives no host for registry-based authorities: '%', '_', non-ASCII, a second '@' …
			throw new UnsafeUrlException("must name a host as an ASCII DNS name or an IP address");
		}
		int port = (uri.getPort() == -1) ? 443 : uri.getPort();
		if (!this.ports.contains(port)) {
			throw new UnsafeUrlException("must use port 443" + ((this.ports.size() > 1) ? " or one of " + this.ports : ""));
		}
		hostForm(host);
		return uri;
	}

	/** Checks the URL and resolves its host; every address must be allowed. Blocking (DNS). */
	Target vet(String url) throws UnsafeUrlException {
		URI uri = parse(url);
		String host = hostForm(uri.getHost());
		List<InetAddress> addresses;
		try {
			// a literal is its own address: InetAddress parses it without asking DNS
			addresses = isLiteral(host) ? List.of(InetAddress.getByName(host)) : this.resolver.resolve(host);
		}
		catch (UnknownHostException ex) {
			throw new UnsafeUrlException("names a host that does not resolve: " + host);
		}
		if (addresses.isEmpty()) {
			throw new UnsafeUrlException("names a host that does not resolve: " + host);
		}
		for (InetAddress address : addresses) {
			if (!allowed(address)) {
				throw new UnsafeUrlException("resolves to " + address.getHostAddress()
						+ ", which is not a public address");
			}
		}
		int port = (uri.getPort() == -1) ? 443 : uri.getPort();
		return new Target(uri, host, port, addresses.getFirst());
	}

	private static boolean isLiteral(String host) {
		return host.indexOf(':') >= 0 || DOTTED_QUAD.matcher(host).matches();
	}

	/** The host in its checked form: a lower-case DNS name, a dotted quad, or an IPv6 literal without brackets. */
	private static String hostForm(String rawHost) throws UnsafeUrlException {
		String host = rawHost.toLowerCase(Locale.ROOT);
		if (host.startsWith("[") && host.endsWith("]")) {
			String literal = host.substring(1, host.length() - 1);
			if (literal.indexOf('%') >= 0 || !literal.matches("[0-9a-f:.]+")) {
				throw new UnsafeUrlException("must not use an IPv6 zone or an unusual IPv6 form");
			}
			return literal;
		}
		String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
		String[] labels = name.split("\\.", -1);
		// a name whose last label is a number is an IPv4 address to other URL parsers (WHATWG): only the plain form
		if (NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches()) {
			if (!DOTTED_QUAD.matcher(name).matches()) {
				throw new UnsafeUrlException("must write an IPv4 address as four decimal numbers (a.b.c.d)");
			}
			return name;
		}
		if (name.length() > 253) {
			throw new UnsafeUrlException("must name a host of at most 253 characters");
		}
		for (String label : labels) {
			if (!LABEL.matcher(label).matches()) {
				throw new UnsafeUrlException("must name a host as an ASCII DNS name (IDNs in their xn-- form)");
			}
		}
		return name;
	}

	/** Whether a delivery may connect to {@code address}. */
	boolean allowed(InetAddress address) {
		return switch (classify(address)) {
			case PUBLIC -> true;
			case PRIVATE -> this.allowPrivateNetworks;
			case FORBIDDEN -> false;
		};
	}

	enum Kind {

		/** Public unicast. */
		PUBLIC,

		/** Loopback and private networks: allowed only with the test switch. */
		PRIVATE,

		/** Never: link-local, multicast, unspecified, reserved, documentation, shared address space … */
		FORBIDDEN

	}

	static Kind classify(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (address instanceof Inet4Address) {
			return classifyV4(bytes);
		}
		if (address instanceof Inet6Address) {
			return classifyV6(bytes);
		}
		return Kind.FORBIDDEN;
	}

	private static Kind classifyV4(byte[] b) {
		int a0 = b[0] & 0xff;
		int a1 = b[1] & 0xff;
		int a2 = b[2] & 0xff;
		if (a0 == 127 || a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
			return Kind.PRIVATE;
		}
		boolean forbidden = a0 == 0 // "this network", 0.0.0.0
				|| (a0 == 100 && (a1 & 0xc0) == 64) // shared address space (CGNAT) 100.64/10
				|| (a0 == 169 && a1 == 254) // link-local, incl. the cloud metadata address 169.254.169.254
				|| (a0 == 192 && a1 == 0 && a2 == 0) // IETF protocol assignments
				|| (a0 == 192 && a1 == 0 && a2 == 2) // TEST-NET-1
				|| (a0 == 192 && a1 == 88 && a2 == 99) // 6to4 relay anycast
				|| (a0 == 198 && (a1 & 0xfe) == 18) // benchmarking 198.18/15
				|| (a0 == 198 && a1 == 51 && a2 == 100) // TEST-NET-2
				|| (a0 == 203 && a1 == 0 && a2 == 113) // TEST-NET-3
				|| a0 >= 224; // multicast 224/4, reserved 240/4, broadcast
		return forbidden ? Kind.FORBIDDEN : Kind.PUBLIC;
	}

	private static Kind classifyV6(byte[] b) {
		boolean firstTenZero = true;
		for (int i = 0; i < 10; i++) {
			firstTenZero &= b[i] == 0;
		}
		if (firstTenZero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
			// IPv4-mapped ::ffff:a.b.c.d: the IPv4 rules apply
			return classifyV4(new byte[] { b[12], b[13], b[14], b[15] });
		}
		boolean firstFifteenZero = firstTenZero && b[10] == 0 && b[11] == 0 && b[12] == 0 && b[13] == 0 && b[14] == 0;
		if (firstFifteenZero && b[15] == 1) {
			return Kind.PRIVATE; // ::1
		}
		if (firstTenZero && b[10] == 0 && b[11] == 0) {
			return Kind.FORBIDDEN; // :: and the deprecated IPv4-compatible ::a.b.c.d
		}
		int b0 = b[0] & 0xff;
		int b1 = b[1] & 0xff;
		if ((b0 & 0xfe) == 0xfc) {
			return Kind.PRIVATE; // unique local fc00::/7
		}
		if (b0 == 0x00 && b1 == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
			// NAT64 64:ff9b::/96 reaches the IPv4 address in its last four bytes; 64:ff9b:1::/48 is local use
			boolean wellKnown = true;
			for (int i = 4; i < 12; i++) {
				wellKnown &= b[i] == 0;
			}
			return wellKnown ? forbidNonPublic(classifyV4(new byte[] { b[12], b[13], b[14], b[15] })) : Kind.FORBIDDEN;
		}
		if ((b0 & 0xe0) != 0x20) {
			return Kind.FORBIDDEN; // outside global unicast 2000::/3: link-local fe80::/10, multicast ff00::/8, 100::/64 …
		}
		if (b0 == 0x20 && b1 == 0x01 && b[2] == 0 && (b[3] & 0xfe) == 0) {
			return Kind.FORBIDDEN; // IETF protocol assignments 2001::/23, incl. Teredo 2001::/32
		}
		if (b0 == 0x20 && b1 == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
			return Kind.FORBIDDEN; // documentation 2001:db8::/32
		}
		if (b0 == 0x20 && b1 == 0x02) {
			return Kind.FORBIDDEN; // 6to4 2002::/16 embeds an IPv4 address that may be private
		}
		return Kind.PUBLIC;
	}

	/** Through a translator even a private IPv4 target is out of reach of the test switch. */
	private static Kind forbidNonPublic(Kind kind) {
		return (kind == Kind.PUBLIC) ? Kind.PUBLIC : Kind.FORBIDDEN;
	}

}
