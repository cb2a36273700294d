/**
 * Text that campaign editors send: plain text without control characters, and descriptions
 * sanitized to the same small HTML subset as partner events.
 */
@NullMarked
package dk.sammen.campaign.text;

import org.jspecify.annotations.NullMarked;
