/**
 * Rate limiting with Spring Cloud Gateway's {@code RateLimiter}: reads per client address,
 * writes per API key, answered 429 with {@code Retry-After} once a budget is used up. The budget
 * lives in this JVM by default and in Redis when one is configured, so that replicas share it.
 */
@NullMarked
package dk.sammen.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
