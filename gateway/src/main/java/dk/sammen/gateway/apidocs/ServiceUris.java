package dk.sammen.gateway.apidocs;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The services whose descriptions are gathered, bound from the same properties as the routes; a
 * record of its own because feature packages do not depend on each other.
 *
 * @param eventsUri events-service
 * @param campaignUri campaign-service
 * @param notificationUri notification-service
 */
@ConfigurationProperties("sammen.gateway.services")
record ServiceUris(@DefaultValue("http://127.0.0.1:8081") URI eventsUri,
		@DefaultValue("http://127.0.0.1:8082") URI campaignUri,
		@DefaultValue("http://127.0.0.1:8083") URI notificationUri) {
}
