package dk.sammen.platform.links;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PublicUrlTests {

	@ParameterizedTest
	@ValueSource(strings = { "https://example.dk/tilmeld", "http://www.holstebro.dk/faellesskab?x=1",
			"https://xn--fllesskab-v2a.dk/", "https://fællesskab.dk/", "https://93.184.216.34/" })
	void isAcceptable_publicHttpUrls_isTrue(String url) {
		assertThat(PublicUrl.isAcceptable(url)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "javascript:alert(1)", "file:///etc/passwd", "ftp://example.dk/",
			"http://127.0.0.1/", "http://localhost:8080/", "http://169.254.169.254/latest/meta-data",
			"http://10.0.0.1/", "http://172.16.5.4/", "http://192.168.1.1/", "http://[::1]/", "http://0.0.0.0/",
			"https://intranet/", "https://user:pw@example.dk/", "https://example.dk/a b", "/relative/path",
			"https://printer.local/", "http://100.64.0.1/", "data:text/html,<script>" })
	void isAcceptable_privateOrNonHttpTargets_isFalse(String url) {
		assertThat(PublicUrl.isAcceptable(url)).isFalse();
	}

}
