/**
 * The public page, the event pages, the newsletter pages and the widget, driven in headless
 * Chromium (Debian's package, through Playwright) against the running stack; skipped when no
 * Chromium is installed.
 */
@NullMarked
package dk.sammen.systemtests.web;

import org.jspecify.annotations.NullMarked;
