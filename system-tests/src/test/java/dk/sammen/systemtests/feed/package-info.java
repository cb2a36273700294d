/**
 * The public feed (CONTRACT section 5) end to end: partner events posted to events-service and
 * campaign activities to campaign-service, read back through the gateway in every format.
 */
@NullMarked
package dk.sammen.systemtests.feed;

import org.jspecify.annotations.NullMarked;
