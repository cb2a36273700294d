/**
 * The one stack a test run shares: Kafka, the MongoDB-wire server, the dev mailbox and the four
 * services from their executable jars, on free ports, started by {@link dk.sammen.systemtests.stack.StackExtension}.
 */
@NullMarked
package dk.sammen.systemtests.stack;

import org.jspecify.annotations.NullMarked;
