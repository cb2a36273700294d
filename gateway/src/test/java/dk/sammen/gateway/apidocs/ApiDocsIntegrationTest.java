package dk.sammen.gateway.apidocs;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dk.sammen.localstack.KafkaBroker;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API documentation as a partner sees it at the gateway, gathered from three real HTTP servers
 * standing in for the services' springdoc endpoints.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sammen.gateway.api-docs.timeout=500ms")
@AutoConfigureWebTestClient
class ApiDocsIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final ApiDocsBackend events = ApiDocsBackend.serving("""
			{"openapi": "3.1.0", "info": {"title": "events-service", "version": "v1"},
			 "servers": [{"url": "http://127.0.0.1:8081", "description": "Generated server url"}],
			 "tags": [{"name": "events"}],
			 "paths": {"/api/v1/events": {"post": {"tags": ["events"], "operationId": "create",
			   "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/EventRequest"}}}},
			   "responses": {"201": {"description": "Created"},
			     "422": {"description": "Invalid", "content": {"application/problem+json":
			       {"schema": {"$ref": "#/components/schemas/Problem"}}}}}}}},
			 "components": {"schemas": {
			   "EventRequest": {"type": "object", "properties": {"title": {"type": "string"}}},
			   "Problem": {"type": "object", "properties": {"status": {"type": "integer"},
			     "errors": {"type": "array", "items": {"type": "object"}}}}}}}
			""");

	private static final ApiDocsBackend campaigns = ApiDocsBackend.serving("""
			{"openapi": "3.1.0", "info": {"title": "campaign-service", "version": "v1"},
			 "paths": {"/api/v1/campaigns/{slug}": {"get": {"operationId": "campaign",
			   "parameters": [{"name": "slug", "in": "path", "required": true, "schema": {"type": "string"}}],
			   "responses": {"200": {"description": "The campaign"},
			     "404": {"description": "Unknown", "content": {"application/problem+json":
			       {"schema": {"$ref": "#/components/schemas/Problem"}}}}}}}},
			 "components": {"schemas": {
			   "Problem": {"type": "object", "properties": {"status": {"type": "integer"}}}}}}
			""");

	private static final ApiDocsBackend notifications = ApiDocsBackend.serving("""
			{"openapi": "3.1.0", "info": {"title": "notification-service", "version": "v1"},
			 "paths": {"/api/v1/subscriptions": {"post": {"operationId": "subscribe",
			   "responses": {"202": {"description": "Accepted"}}}}},
			 "components": {"schemas": {
			   "EventRequest": {"type": "object", "properties": {"title": {"type": "string"}}}}}}
			""");

	@Autowired
	private WebTestClient client;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", () -> KafkaBroker.shared().bootstrapServers());
		registry.add("sammen.gateway.services.events-uri", events::uri);
		registry.add("sammen.gateway.services.campaign-uri", campaigns::uri);
		registry.add("sammen.gateway.services.notification-uri", notifications::uri);
	}

	@AfterAll
	static void stopBackends() {
		events.close();
		campaigns.close();
		notifications.close();
	}

	@BeforeEach
	void reset() {
		events.reset();
		campaigns.reset();
		notifications.reset();
	}

	@Test
	void mergesEveryServicesPaths_intoOneDescription() {
		JsonNode merged = getJson("/api/v1/openapi.json", "max-age=60, public");

		assertThat(merged.path("openapi").asString()).isEqualTo("3.1.0");
		assertThat(merged.path("info").path("title").asString()).isEqualTo("Sammen API");
		assertThat(merged.path("paths").propertyNames()).contains("/api/v1/events", "/api/v1/campaigns/{slug}",
				"/api/v1/subscriptions", "/api/v1/feed", "/api/v1/feed.ics", "/api/v1/feed.atom", "/api/v1/feed/stream");
		assertThat(merged.path("x-sammen-sources").toString())
			.isEqualTo("{\"gateway\":\"ok\",\"events\":\"ok\",\"campaigns\":\"ok\",\"notifications\":\"ok\"}");
		assertThat(merged.path("servers").toString()).isEqualTo("[{\"url\":\"/\",\"description\":\"This gateway\"}]");
		assertThat(merged.path("components").path("securitySchemes").path("apiKey").path("scheme").asString())
			.isEqualTo("bearer");
		assertThat(merged.path("tags").findValuesAsString("name")).containsExactly("feed", "events");
	}

	@Test
	void renamesAComponent_whenTwoServicesMeanDifferentThingsByIt() {
		JsonNode merged = getJson("/api/v1/openapi.json", "max-age=60, public");

		JsonNode schemas = merged.path("components").path("schemas");
		assertThat(schemas.path("Problem").path("properties").propertyNames()).as("the feed's own")
			.contains("type", "title", "status", "detail");
		assertThat(schemas.path("EventsProblem").path("properties").propertyNames()).containsExactly("status", "errors");
		assertThat(schemas.path("CampaignsProblem").path("properties").propertyNames()).containsExactly("status");
		assertThat(merged.at("/paths/~1api~1v1~1events/post/responses/422/content/application~1problem+json/schema/$ref")
			.asString()).isEqualTo("#/components/schemas/EventsProblem");
		assertThat(merged.at("/paths/~1api~1v1~1campaigns~1{slug}/get/responses/404/content/application~1problem+json/schema/$ref")
			.asString()).isEqualTo("#/components/schemas/CampaignsProblem");
		assertThat(schemas.propertyNames()).as("the same schema twice is merged once")
			.containsOnlyOnce("EventRequest")
			.doesNotContain("NotificationsEventRequest");
	}

	@Test
	void answersWithTheRest_whenAServiceIsDown() {
		notifications.stop();

		JsonNode merged = getJson("/api/v1/openapi.json", "no-cache");

		assertThat(merged.path("x-sammen-sources").path("notifications").asString()).isEqualTo("unavailable");
		assertThat(merged.path("x-sammen-sources").path("events").asString()).isEqualTo("ok");
		assertThat(merged.path("paths").propertyNames()).contains("/api/v1/events", "/api/v1/campaigns/{slug}",
				"/api/v1/feed").doesNotContain("/api/v1/subscriptions");
	}

	@Test
	void answersWithTheRest_whenAServiceIsTooSlow() {
		campaigns.slow(Duration.ofSeconds(3));

		JsonNode merged = getJson("/api/v1/openapi.json", "no-cache");

		assertThat(merged.path("x-sammen-sources").path("campaigns").asString()).isEqualTo("unavailable");
		assertThat(merged.path("paths").propertyNames()).contains("/api/v1/events", "/api/v1/subscriptions")
			.doesNotContain("/api/v1/campaigns/{slug}");
	}

	@Test
	void servesEachServicesDescription_asReachedThroughTheGateway() {
		JsonNode described = getJson("/api/docs/events", "max-age=60, public");

		assertThat(described.path("info").path("title").asString()).isEqualTo("events-service");
		assertThat(described.path("paths").propertyNames()).containsExactly("/api/v1/events");
		assertThat(described.path("servers").findValuesAsString("url")).as("not the service's own address")
			.containsExactly("/");
		assertThat(described.path("components").path("securitySchemes").has("apiKey")).isTrue();
	}

	@Test
	void answers503Problem_whenAServicesDescriptionIsUnavailable() {
		notifications.stop();

		this.client.get()
			.uri("/api/docs/notifications")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://sammen.dk/problems/unavailable")
			.jsonPath("$.detail")
			.isEqualTo("notification-service's API description is unavailable; try again shortly");
	}

	@Test
	void describesTheFeed_withAnExampleForPartners() {
		JsonNode feed = getJson("/api/docs/feed", null);

		assertThat(feed.path("paths").propertyNames()).containsExactlyInAnyOrder("/api/v1/feed", "/api/v1/feed.ics",
				"/api/v1/feed.atom", "/api/v1/feed/stream");
		assertThat(feed.path("servers").findValuesAsString("url")).containsExactly("/");
		assertThat(feed.path("info").path("description").asString())
			.contains("/api/v1/feed.ics?programme=danmark-spiser-sammen&kommune=0101");
		JsonNode components = feed.path("components");
		assertThat(components.path("parameters").path("kommune").path("example").toString()).isEqualTo("[\"0101\"]");
		assertThat(components.path("parameters").path("programme").path("example").asString())
			.isEqualTo("danmark-spiser-sammen");
		assertThat(components.path("examples").path("FeedPageICalendar").path("value").asString())
			.startsWith("BEGIN:VCALENDAR")
			.contains("DTSTART;TZID=Europe/Copenhagen:20270429T173000");
		assertThat(components.path("examples").path("FeedPageJson").path("value").path("items").get(0).path("kommune")
			.path("code")
			.asString()).isEqualTo("0101");
	}

	@Test
	void servesSwaggerUi_listingEveryDescription() {
		String location = this.client.get()
			.uri("/api/docs")
			.exchange()
			.expectStatus()
			.is3xxRedirection()
			.returnResult(Void.class)
			.getResponseHeaders()
			.getLocation()
			.toString();

		this.client.get().uri(location).exchange().expectStatus().isOk().expectHeader().contentTypeCompatibleWith(
				MediaType.TEXT_HTML);
		JsonNode config = getJson("/api/docs/feed/swagger-config", null);
		assertThat(config.path("urls").findValuesAsString("url")).containsExactlyInAnyOrder("/api/v1/openapi.json",
				"/api/docs/events", "/api/docs/campaigns", "/api/docs/notifications", "/api/docs/feed");
		assertThat(config.path("urls.primaryName").asString()).isEqualTo("Sammen API (all services)");
	}

	private JsonNode getJson(String path, @Nullable String cacheControl) {
		WebTestClient.ResponseSpec response = this.client.get().uri(path).exchange().expectStatus().isOk();
		if (cacheControl != null) {
			response.expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, cacheControl);
		}
		return JSON.readTree(response.expectBody().returnResult().getResponseBodyContent());
	}

}
