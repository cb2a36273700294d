/**
 * The API documentation of all of Sammen at the gateway: Swagger UI at {@code /api/docs}, each
 * service's OpenAPI description at {@code /api/docs/<service>} and one description merged from
 * all of them at {@code /api/v1/openapi.json}, which still answers when a service does not.
 */
@NullMarked
package dk.sammen.gateway.apidocs;

import org.jspecify.annotations.NullMarked;
