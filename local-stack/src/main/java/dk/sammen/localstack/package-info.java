/**
 * Real infrastructure on one machine without Docker: an Apache Kafka broker in KRaft mode as a
 * child process, a MongoDB-wire server and a dev mailbox. {@link dk.sammen.localstack.LocalStack}
 * runs them together with the four services for {@code bin/local-stack}; integration tests in the
 * other modules use the same classes as a test dependency.
 */
@NullMarked
package dk.sammen.localstack;

import org.jspecify.annotations.NullMarked;
