/**
 * Partner events: the request a partner sends, the rules it must pass, the draft → published →
 * cancelled lifecycle, the CloudEvents each public change emits, and the public listing the
 * gateway's feed reads.
 */
@NullMarked
package dk.sammen.events.event;

import org.jspecify.annotations.NullMarked;
