/**
 * Editions: one newsletter sent once to everyone it targets. An edition is created by the schedule,
 * by an administrator or by a newly published event (instant notices), then fanned out: one
 * delivery task per targeted subscriber on the deliveries topic, in resumable pages under a lease.
 */
@NullMarked
package dk.sammen.notification.edition;

import org.jspecify.annotations.NullMarked;
