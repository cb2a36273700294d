/**
 * Text that partners and editors send: plain text without control characters, and descriptions
 * sanitized to one small HTML subset (OWASP java-html-sanitizer), the same in every service.
 */
@NullMarked
package dk.sammen.platform.text;

import org.jspecify.annotations.NullMarked;
