/** Health checks that work on the local stack's embedded servers and on the real ones alike. */
@NullMarked
package dk.sammen.platform.health;

import org.jspecify.annotations.NullMarked;
