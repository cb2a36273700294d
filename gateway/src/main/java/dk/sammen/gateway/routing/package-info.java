/**
 * Which service owns which path, and what a client sees when the way there fails: an unknown
 * path is a 404, an unreachable service a 503 and an oversized body a 413, all as
 * {@code application/problem+json}.
 */
@NullMarked
package dk.sammen.gateway.routing;

import org.jspecify.annotations.NullMarked;
