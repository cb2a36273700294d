/**
 * The system as a client sees it: the gateway's HTTP API, with the bodies and answers the tests
 * build and read.
 */
@NullMarked
package dk.sammen.systemtests.api;

import org.jspecify.annotations.NullMarked;
