/**
 * Test support every service shares (published as the platform's test-jar): the checks that hold
 * for any Sammen service, and BlockHound configured for this stack.
 */
@NullMarked
package dk.sammen.platform.test;

import org.jspecify.annotations.NullMarked;
