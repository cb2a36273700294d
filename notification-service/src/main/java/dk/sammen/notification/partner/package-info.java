/**
 * Partner organisations as notification-service knows them: a read model of their names and contact
 * addresses, kept from {@code sammen.organisations.v1}, for any mail the platform writes to a
 * partner (a webhook turned off, a request to re-confirm an offer). Other features use
 * {@link dk.sammen.notification.partner.PartnerContacts} and nothing else of this package.
 */
@NullMarked
package dk.sammen.notification.partner;

import org.jspecify.annotations.NullMarked;
