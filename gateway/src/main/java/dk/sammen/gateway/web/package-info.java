/**
 * The public web page at {@code /}: search, list, month calendar and map of the feed, event
 * pages, the newsletter's subscribe and manage pages, and the widget other websites embed. Plain
 * HTML, CSS and small JavaScript modules that read only the public API, served with versioned,
 * immutable asset URLs and a strict Content-Security-Policy.
 */
@NullMarked
package dk.sammen.gateway.web;

import org.jspecify.annotations.NullMarked;
