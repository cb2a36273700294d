/** Notices to partner organisations, mailed by notification-service. */
@NullMarked
package dk.sammen.contracts.partner;

import org.jspecify.annotations.NullMarked;
