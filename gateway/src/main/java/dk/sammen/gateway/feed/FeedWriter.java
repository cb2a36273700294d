package dk.sammen.gateway.feed;

import java.net.URI;

import org.springframework.http.MediaType;

/** Writes a page in one format; the same page always gives the same bytes, so the ETag is stable. */
interface FeedWriter {

	MediaType mediaType();

	/** @param self the URI the page was asked for, for formats that link to themselves */
	byte[] write(FeedPage page, URI self);

}
