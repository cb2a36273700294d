package dk.sammen.platform.links;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Accepts only absolute http(s) URLs to public hosts. The server never fetches these URLs; the
 * check keeps partners from publishing links into someone's internal network or to script.
 */
public final class PublicUrl {

	private static final int MAX_LENGTH = 2000;

	private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");

	private PublicUrl() {
	}

	public static boolean isAcceptable(String candidate) {
		if (candidate.length() > MAX_LENGTH || candidate.chars().anyMatch((c) -> c <= ' ')) {
			return false;
		}
		URI uri;
		try {
			uri = new URI(candidate);
		}
		catch (URISyntaxException ex) {
			return false;
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		// java.net.URI has no host for internationalised domain names; the authority still holds it
		String host = (uri.getHost() != null) ? uri.getHost() : hostOfAuthority(uri.getAuthority());
		if (!(scheme.equals("http") || scheme.equals("https")) || host == null || uri.getUserInfo() != null) {
			return false;
		}
		return isPublicHost(host.toLowerCase(Locale.ROOT));
	}

	private static @Nullable String hostOfAuthority(@Nullable String authority) {
		if (authority == null || authority.contains("@") || authority.startsWith("[")) {
			return null;
		}
		int colon = authority.indexOf(':');
		return (colon >= 0) ? authority.substring(0, colon) : authority;
	}

	private static boolean isPublicHost(String host) {
		if (host.startsWith("[") || host.contains(":")) {
			// IPv6 literals are refused outright: no partner needs them and their private ranges are many
			return false;
		}
		if (IPV4.matcher(host).matches()) {
			return isPublicIpv4(host);
		}
		String ascii;
		try {
			ascii = IDN.toASCII(host);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return ascii.contains(".") && !ascii.equals("localhost") && !ascii.endsWith(".localhost")
				&& !ascii.endsWith(".local") && !ascii.endsWith(".internal") && !ascii.endsWith(".");
	}

	private static boolean isPublicIpv4(String host) {
		String[] parts = host.split("\\.");
		int[] octets = new int[4];
		for (int i = 0; i < 4; i++) {
			octets[i] = Integer.parseInt(parts[i]);
			if (octets[i] > 255) {
				return false;
			}
		}
		int a = octets[0];
		int b = octets[1];
		return !(a == 0 || a == 10 || a == 127 || (a == 100 && b >= 64 && b <= 127) || (a == 169 && b == 254)
				|| (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168) || (a == 192 && b == 0)
				|| (a == 198 && (b == 18 || b == 19)) || a >= 224);
	}

}
