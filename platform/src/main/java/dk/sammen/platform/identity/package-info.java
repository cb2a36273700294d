/**
 * Who is calling. API keys are checked once, at the gateway; the gateway forwards the caller as
 * a short-lived identity signed with a key it shares with the services, and a service trusts
 * nothing else — a request that reaches a service directly with an unsigned or forged identity
 * is refused.
 */
@NullMarked
package dk.sammen.platform.identity;

import org.jspecify.annotations.NullMarked;
