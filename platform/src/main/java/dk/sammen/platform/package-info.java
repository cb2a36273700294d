/**
 * What every Sammen service shares at run time, wired by
 * {@link dk.sammen.platform.SammenPlatformAutoConfiguration}.
 */
@NullMarked
package dk.sammen.platform;

import org.jspecify.annotations.NullMarked;
