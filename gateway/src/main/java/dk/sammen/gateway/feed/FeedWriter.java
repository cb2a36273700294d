package dk.sammen.gateway.feed;

import java.net.URI;

import org.springframework.http.MediaType;

/** Writes a page in one format; the same page always gives the same bytes, so the ETag is stable. */
interface FeedWriter {

	MediaType mediaType();

	/** The format's short name, as metrics tag it: {@code json}, {@code ics}, {@code atom}, {@code jsonld}. */
	String format();

	/** @param self the URI the page was asked for, for formats that link to themselves */
	byte[] write(FeedPage page, URI self);

}
