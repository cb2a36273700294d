package dk.sammen.gateway.ratelimit;

import dk.sammen.gateway.ClientAddresses;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The client address rule, by the rate limits' {@code trusted-proxies}: also there when rate
 * limiting is off, since the feed stream bounds its connections per address all the same.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class ClientAddressConfiguration {

	@Bean
	ClientAddresses clientAddresses(RateLimitProperties properties) {
		return new ClientAddresses(properties.trustedProxies());
	}

}
