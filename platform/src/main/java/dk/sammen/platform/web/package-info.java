/** HTTP conventions every service's API shares: query parameters and ETags. */
@NullMarked
package dk.sammen.platform.web;

import org.jspecify.annotations.NullMarked;
