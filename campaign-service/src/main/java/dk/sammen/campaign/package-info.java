/**
 * campaign-service: national campaigns such as "Vær en, som rækker ud", their activities, and the
 * Danmark Spiser Sammen weeks. Each feature lives in its own sub-package; this package only
 * holds the application.
 */
@NullMarked
package dk.sammen.campaign;

import org.jspecify.annotations.NullMarked;
