package dk.sammen.gateway.routing;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where the services are and how much a client may send.
 *
 * @param services base URIs of the services the gateway routes to
 * @param maxBodySize the largest request body forwarded (CONTRACT section 7: 256 KiB)
 * @param maxBatchBodySize the largest body of a batch import of up to 500 events
 */
@ConfigurationProperties("sammen.gateway")
record RoutingProperties(@DefaultValue Services services, @DefaultValue("256KB") DataSize maxBodySize,
		@DefaultValue("4MB") DataSize maxBatchBodySize) {

	/**
	 * Base URIs of the services; the defaults are the local stack's ports.
	 *
	 * @param eventsUri events-service
	 * @param campaignUri campaign-service
	 * @param notificationUri notification-service
	 */
	record Services(@DefaultValue("http://127.0.0.1:8081") URI eventsUri,
			@DefaultValue("http://127.0.0.1:8082") URI campaignUri,
			@DefaultValue("http://127.0.0.1:8083") URI notificationUri) {
	}

}
