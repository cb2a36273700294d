package dk.sammen.systemtests.stack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services are test dependencies of this module only so that the reactor builds their jars
 * first. Those are Spring Boot's repackaged jars: their classes, configuration and libraries
 * sit under {@code BOOT-INF/}, out of reach of this class path, so the tests cannot use a
 * service's code and no service's libraries can clash with the tests' own.
 */
class ServiceJarsOnTheClassPathTest {

	@Test
	void classPath_holdsTheRepackagedJarOfEachService() throws IOException {
		List<String> startClasses = new ArrayList<>();
		for (URL manifest : Collections.list(getClass().getClassLoader().getResources("META-INF/MANIFEST.MF"))) {
			try (InputStream in = manifest.openStream()) {
				String startClass = new Manifest(in).getMainAttributes().getValue("Start-Class");
				if (startClass != null) {
					startClasses.add(startClass);
				}
			}
		}

		assertThat(startClasses).containsExactlyInAnyOrder("dk.sammen.events.EventsServiceApplication",
				"dk.sammen.campaign.CampaignServiceApplication",
				"dk.sammen.notification.NotificationServiceApplication", "dk.sammen.gateway.GatewayApplication");
	}

	@ParameterizedTest
	@ValueSource(strings = { "dk/sammen/events/", "dk/sammen/campaign/", "dk/sammen/notification/",
			"dk/sammen/gateway/", "dk/sammen/platform/", "application.yml", "reference/kommuner.csv" })
	void classPath_reachesNothingOfTheServices(String resource) {
		assertThat(getClass().getClassLoader().getResource(resource)).isNull();
	}

}
