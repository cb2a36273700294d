package dk.sammen.gateway.feed;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndCategoryImpl;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;

/** Atom 1.0 (RFC 4287) for feed readers and websites that embed news. */
final class AtomFeedWriter implements FeedWriter {

	/** The scheme of the welcome flags' categories (CONTRACT section 9). */
	static final String WELCOME_SCHEME = "https://sammen.dk/welcome";

	static final MediaType APPLICATION_ATOM_XML = new MediaType("application", "atom+xml", StandardCharsets.UTF_8);

	@Override
	public MediaType mediaType() {
		return APPLICATION_ATOM_XML;
	}

	@Override
	public String format() {
		return "atom";
	}

	@Override
	public byte[] write(FeedPage page, URI self) {
		SyndFeed feed = new SyndFeedImpl();
		feed.setFeedType("atom_1.0");
		feed.setEncoding(StandardCharsets.UTF_8.name());
		feed.setTitle("Sammen");
		feed.setDescription("Events and campaign activities against loneliness in Denmark");
		feed.setUri(self.toString());
		feed.setLanguage("da");
		feed.setLinks(List.of(link("self", self.toString(), APPLICATION_ATOM_XML.toString())));
		// the newest change, not the clock, so that the same items always give the same bytes
		feed.setPublishedDate(Date.from(page.items()
			.stream()
			.map(FeedItem::updatedAt)
			.max(Comparator.naturalOrder())
			.orElse(Instant.EPOCH)));
		feed.setEntries(page.items().stream().map(AtomFeedWriter::entry).toList());
		try {
			return new SyndFeedOutput().outputString(feed).getBytes(StandardCharsets.UTF_8);
		}
		catch (FeedException ex) {
			throw new IllegalStateException("Atom feed could not be written", ex);
		}
	}

	private static SyndEntry entry(FeedItem item) {
		SyndEntry entry = new SyndEntryImpl();
		entry.setUri("tag:sammen.dk,2026:" + item.entryKey());
		entry.setTitle(item.cancelled() ? "Aflyst: " + item.title() : item.title());
		if (item.url() != null) {
			entry.setLinks(List.of(link("alternate", item.url(), null)));
		}
		entry.setUpdatedDate(Date.from(item.updatedAt()));
		if (item.organizer() != null) {
			entry.setAuthor(item.organizer());
		}
		SyndContent summary = new SyndContentImpl();
		summary.setType("text");
		summary.setValue(item.welcome().isEmpty() ? when(item)
				: when(item) + "\n" + String.join("\n", item.welcome().lines()));
		entry.setDescription(summary);
		if (!item.description().isEmpty()) {
			SyndContent content = new SyndContentImpl();
			content.setType("html");
			content.setValue(item.description());
			entry.setContents(List.of(content));
		}
		List<SyndCategory> categories = new ArrayList<>();
		categories.add(category(item.kind().slug()));
		categories.add(category(item.programme()));
		categories.add(category(item.status()));
		item.welcome().flags().forEach((flag) -> categories.add(category(flag, WELCOME_SCHEME)));
		entry.setCategories(categories);
		return entry;
	}

	private static String when(FeedItem item) {
		String when = JsonFeedWriter.time(item.startsAt());
		if (item.endsAt() != null) {
			when += " – " + JsonFeedWriter.time(item.endsAt());
		}
		if (item.place() != null && !item.place().text().isEmpty()) {
			when += ", " + item.place().text();
		}
		return when;
	}

	private static SyndLink link(String rel, String href, @Nullable String type) {
		SyndLink link = new SyndLinkImpl();
		link.setRel(rel);
		link.setHref(href);
		if (type != null) {
			link.setType(type);
		}
		return link;
	}

	private static SyndCategory category(String term) {
		SyndCategory category = new SyndCategoryImpl();
		category.setName(term);
		return category;
	}

	private static SyndCategory category(String term, String scheme) {
		SyndCategory category = category(term);
		category.setTaxonomyUri(scheme);
		return category;
	}

}
