package dk.sammen.notification.edition;

import org.jspecify.annotations.Nullable;

/**
 * {@code POST /api/v1/admin/newsletters}.
 *
 * @param kind {@code weekly-digest}, {@code dsm-announcement} or {@code campaign}
 * @param week for {@code dsm-announcement}: the week as {@code 2027-W17}; default the next one
 * @param campaign for {@code campaign}: the campaign slug
 * @param subject for {@code campaign}: {@code {"da","en"}}
 * @param body for {@code campaign}: {@code {"da","en"}}, plain text, paragraphs separated by blank lines
 */
record NewsletterRequest(@Nullable String kind, @Nullable String week, @Nullable String campaign,
		@Nullable LocalizedText subject, @Nullable LocalizedText body) {
}
