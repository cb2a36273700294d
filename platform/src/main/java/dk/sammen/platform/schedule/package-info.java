/** Recurring offers: which rules are accepted, and their times in Danish local time. */
@NullMarked
package dk.sammen.platform.schedule;

import org.jspecify.annotations.NullMarked;
