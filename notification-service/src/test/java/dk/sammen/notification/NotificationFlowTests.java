package dk.sammen.notification;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dk.sammen.contracts.Topics;
import dk.sammen.contracts.event.EventPublishedV1;
import dk.sammen.localstack.KafkaBroker;
import dk.sammen.localstack.TopicReader;
import dk.sammen.platform.consumer.DeadLetterTopics;
import dk.sammen.platform.identity.CallerIdentity;
import dk.sammen.platform.identity.Role;
import dk.sammen.platform.test.SammenBlockHound;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dk.sammen.notification.NotificationTestKit.PATIENCE;
import static dk.sammen.notification.NotificationTestKit.awaitMails;
import static dk.sammen.notification.NotificationTestKit.header;
import static dk.sammen.notification.NotificationTestKit.html;
import static dk.sammen.notification.NotificationTestKit.mailsTo;
import static dk.sammen.notification.NotificationTestKit.subscription;
import static dk.sammen.notification.NotificationTestKit.text;
import static dk.sammen.notification.NotificationTestKit.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole path on real infrastructure: HTTP in, Kafka (a real broker) between the steps, the
 * MongoDB-wire server, and mail read back from a real GreenMail over SMTP and IMAP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sammen.notification.editions.scheduled=false",
				"sammen.notification.editions.reconcile-interval=300ms",
				"sammen.notification.delivery.reconcile-interval=300ms",
				"sammen.notification.subscriptions.per-client-limit=5",
				"sammen.notification.links.base-url=https://sammen.example" })
@AutoConfigureWebTestClient
@DirtiesContext
class NotificationFlowTests extends NotificationIntegrationTest {

	static {
		SammenBlockHound.install();
	}

	static final GreenMail mailbox = NotificationTestKit.startMailbox();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		NotificationTestKit.infrastructure(registry, "flow", () -> mailbox.getSmtp().getPort());
		registry.add("spring.kafka.consumer.auto-offset-reset", () -> "earliest");
	}

	@AfterAll
	static void stopMailbox() {
		mailbox.stop();
	}

	// the group the consumers were bound with: the dynamic property draws a new random name each time it is read
	@Autowired
	KafkaProperties kafkaProperties;

	@Test
	void sendsOnlyConfirmation_untilConfirmed() {
		String email = unique("pending");
		subscribe(subscription(email, List.of("0101"), List.of(), "da", "weekly"));
		MimeMessage confirmation = awaitMails(mailbox, email, 1).getFirst();
		assertThat(header(confirmation, "List-Unsubscribe")).isEmpty();
		awaitReadModel(publishSoon("0101", "danmark-spiser-sammen"));

		String edition = trigger(Map.of("kind", "weekly-digest"));
		awaitCompleted(edition);

		assertThat(mailsTo(mailbox, email)).as("nothing but the confirmation before confirming").hasSize(1);
	}

	@Test
	void answers202Alike_forKnownAndUnknownAddresses() {
		String email = unique("known");
		Map<String, Object> request = subscription(email, List.of(), List.of(), "da", "weekly");
		String first = subscribe(request);
		String again = subscribe(request);
		assertThat(again).isEqualTo(first);
	}

	@Test
	void confirmsAndRecordsConsent_whenConfirmationLinkIsPosted() {
		String email = unique("confirm");
		subscribe(subscription(email, List.of("0751"), List.of("danmark-spiser-sammen"), "en", "weekly"));
		String confirmToken = token(awaitMails(mailbox, email, 1).getFirst(), "confirm");

		this.http.get().uri("/api/v1/subscriptions/confirm?token={t}", confirmToken).exchange()
			.expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class).value((page) -> assertThat(page).contains("<form method=\"post\"").contains(email));
		this.http.post().uri("/api/v1/subscriptions/confirm?token={t}", confirmToken).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("confirmed");

		String manage = manageToken(email);
		this.http.get().uri("/api/v1/subscriptions/me?token={t}", manage).exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("confirmed")
			.jsonPath("$.email").isEqualTo(email)
			.jsonPath("$.kommuner[0]").isEqualTo("0751")
			.jsonPath("$.consents[0].action").isEqualTo("subscribed")
			.jsonPath("$.consents[1].action").isEqualTo("confirmed")
			.jsonPath("$.consents[1].how").isEqualTo("confirmation-link");
	}

	@Test
	void matchesKommuneProgrammeAndLanguage_inWeeklyDigest() throws Exception {
		String aarhus = confirmed(subscription(unique("aarhus"), List.of("0751"), List.of(), "en", "weekly"));
		String copenhagen = confirmed(subscription(unique("kbh"), List.of("0101"), List.of("danmark-spiser-sammen"),
				"da", "weekly"));
		String instantOnly = confirmed(subscription(unique("instant"), List.of("0751"), List.of(), "da", "instant"));
		String aarhusMeal = publishSoon("0751", "danmark-spiser-sammen");
		String copenhagenOther = publishSoon("0101", "local-partnership");
		String copenhagenMeal = publishSoon("0101", "danmark-spiser-sammen");
		awaitReadModel(aarhusMeal);
		awaitReadModel(copenhagenOther);
		awaitReadModel(copenhagenMeal);
		await().atMost(PATIENCE).until(() -> newsletters(instantOnly).size() == 1);

		awaitCompleted(trigger(Map.of("kind", "weekly-digest")));

		MimeMessage english = onlyNewsletter(aarhus);
		assertThat(text(english)).contains(aarhusMeal).doesNotContain(copenhagenMeal).doesNotContain(copenhagenOther);
		assertThat(html(english)).contains("lang=\"en\"");
		MimeMessage danish = onlyNewsletter(copenhagen);
		assertThat(text(danish)).contains(copenhagenMeal).doesNotContain(copenhagenOther).doesNotContain(aarhusMeal);
		assertThat(html(danish)).contains("lang=\"da\"");
		assertThat(newsletters(instantOnly)).as("instant subscribers get the notice of the Aarhus meal, not the digest")
			.hasSize(1)
			.allSatisfy((mail) -> assertThat(text(mail)).contains(aarhusMeal));
		assertThat(readOverImap(copenhagen)).contains(copenhagenMeal);
	}

	@Test
	void carriesOneClickUnsubscribe_andStopsMailAfterIt() {
		String email = confirmed(subscription(unique("oneclick"), List.of("0461"), List.of(), "da", "weekly"));
		awaitReadModel(publishSoon("0461", "local-partnership"));
		awaitCompleted(trigger(Map.of("kind", "weekly-digest")));
		MimeMessage digest = onlyNewsletter(email);
		String listUnsubscribe = header(digest, "List-Unsubscribe");
		assertThat(listUnsubscribe).startsWith("<https://sammen.example/api/v1/subscriptions/unsubscribe?token=");
		assertThat(header(digest, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
		assertThat(text(digest)).contains("https://sammen.example/api/v1/subscriptions/me?token=");

		String unsubscribeToken = listUnsubscribe.substring(listUnsubscribe.indexOf("token=") + 6, listUnsubscribe.length() - 1);
		this.http.post().uri("/api/v1/subscriptions/unsubscribe?token={t}", unsubscribeToken)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("List-Unsubscribe=One-Click")
			.exchange()
			.expectStatus().isOk();
		awaitCompleted(trigger(Map.of("kind", "weekly-digest")));

		assertThat(mailsTo(mailbox, email)).as("confirmation and the one digest before unsubscribing").hasSize(2);
		this.http.get().uri("/api/v1/subscriptions/me?token={t}", token(digest, "me")).exchange()
			.expectBody().jsonPath("$.status").isEqualTo("unsubscribed")
			.jsonPath("$.consents[2].action").isEqualTo("withdrawn");
	}

	@Test
	void erasesEverything_onDelete() {
		String email = confirmed(subscription(unique("erase"), List.of(), List.of(), "da", "weekly"));
		String manage = manageToken(email);
		this.http.delete().uri("/api/v1/subscriptions/me?token={t}", manage).exchange().expectStatus().isNoContent();
		this.http.get().uri("/api/v1/subscriptions/me?token={t}", manage).exchange()
			.expectStatus().isNotFound()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void refusesForgedTokens_withProblem() {
		String email = confirmed(subscription(unique("forged"), List.of(), List.of(), "da", "weekly"));
		String manage = manageToken(email);
		String tampered = manage.substring(0, manage.length() - 3) + (manage.endsWith("AAA") ? "BBB" : "AAA");
		this.http.get().uri("/api/v1/subscriptions/me?token={t}", tampered).exchange()
			.expectStatus().isForbidden()
			.expectBody().jsonPath("$.type").isEqualTo("https://sammen.dk/problems/invalid-token");
		// a manage token does not unsubscribe or confirm
		this.http.post().uri("/api/v1/subscriptions/unsubscribe?token={t}", manage).exchange().expectStatus().isForbidden();
		this.http.delete().uri("/api/v1/subscriptions/me?token={t}", "s1.k9.bm9wZQ.AAAA").exchange()
			.expectStatus().isForbidden();
		this.http.get().uri("/api/v1/subscriptions/me?token={t}", manage).exchange()
			.expectBody().jsonPath("$.status").isEqualTo("confirmed");
	}

	@Test
	void rejectsBadInput_with422AndStoresNothing() {
		String email = unique("bad");
		this.http.post().uri("/api/v1/subscriptions").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", email, "kommuner", List.of("9999"), "programmes", List.of("bingo"),
					"language", "fr", "frequency", "daily"))
			.exchange()
			.expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
			.expectBody()
			.jsonPath("$.errors.length()").isEqualTo(4);
		this.http.post().uri("/api/v1/subscriptions").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", "not an address"))
			.exchange()
			.expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
			.expectBody().jsonPath("$.errors[0].field").isEqualTo("email");
		subscribe(subscription(email, List.of(), List.of(), "da", "weekly"));
		assertThat(awaitMails(mailbox, email, 1)).as("only the valid request's confirmation").hasSize(1);
	}

	@Test
	void sendsInstantNotice_forNewlyPublishedMatchingEvent() {
		String email = confirmed(subscription(unique("instantnotice"), List.of("0147"), List.of(), "da", "instant"));
		String other = confirmed(subscription(unique("instantother"), List.of("0751"), List.of(), "da", "instant"));
		String title = publishSoon("0147", "local-partnership");

		MimeMessage notice = awaitMails(mailbox, email, 2).get(1);
		assertThat(text(notice)).contains(title);
		await().during(Duration.ofSeconds(2)).atMost(PATIENCE)
			.untilAsserted(() -> assertThat(mailsTo(mailbox, other)).hasSize(1));
	}

	@Test
	void announcesDanmarkSpiserSammen_withMealsOfThatWeekInKommune() {
		String email = confirmed(subscription(unique("dsm"), List.of("0101"), List.of(), "da", "dsm"));
		String meal = "Fællesspisning " + UUID.randomUUID();
		NotificationTestKit.publish(this.kafka, this.json, NotificationTestKit.event(UUID.randomUUID().toString(), meal,
				"danmark-spiser-sammen", "0101", "1084", Instant.parse("2027-04-29T16:00:00Z")));
		String laterMeal = "Efterårsspisning " + UUID.randomUUID();
		NotificationTestKit.publish(this.kafka, this.json, NotificationTestKit.event(UUID.randomUUID().toString(),
				laterMeal, "danmark-spiser-sammen", "0101", "1084", Instant.parse("2027-11-11T17:00:00Z")));
		awaitReadModel(meal);
		awaitReadModel(laterMeal);

		String edition = trigger(Map.of("kind", "dsm-announcement", "week", "2027-W17"));
		awaitCompleted(edition);

		MimeMessage announcement = onlyNewsletter(email);
		assertThat(text(announcement)).contains(meal).doesNotContain(laterMeal).contains("17");
	}

	@Test
	void refusesNewsletters_withoutAdmin() {
		this.http.post().uri("/api/v1/admin/newsletters").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("kind", "weekly-digest")).exchange().expectStatus().isUnauthorized();
		this.http.post().uri("/api/v1/admin/newsletters").contentType(MediaType.APPLICATION_JSON)
			.header("X-Sammen-Identity", this.identities.sign(new CallerIdentity("org-1", Role.PARTNER, "key-p")))
			.bodyValue(Map.of("kind", "weekly-digest")).exchange().expectStatus().isForbidden();
		this.http.post().uri("/api/v1/admin/newsletters").contentType(MediaType.APPLICATION_JSON)
			.header("X-Sammen-Identity", admin())
			.bodyValue(Map.of("kind", "dsm-announcement", "week", "2027-W18")).exchange()
			.expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
			.expectBody().jsonPath("$.errors[0].field").isEqualTo("week");
	}

	@Test
	void createsEditionOnce_forSameIdempotencyKey() {
		String first = this.http.post().uri("/api/v1/admin/newsletters").contentType(MediaType.APPLICATION_JSON)
			.header("X-Sammen-Identity", admin()).header("Idempotency-Key", "campaign-oct")
			.bodyValue(campaignNewsletter()).exchange()
			.expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
		String second = this.http.post().uri("/api/v1/admin/newsletters").contentType(MediaType.APPLICATION_JSON)
			.header("X-Sammen-Identity", admin()).header("Idempotency-Key", "campaign-oct")
			.bodyValue(campaignNewsletter()).exchange()
			.expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
		assertThat(second).isEqualTo(first);
		awaitCompleted(first);
	}

	@Test
	void refuses429WithRetryAfter_whenOneClientSubscribesTooOften() {
		String client = "192.0.2.77";
		for (int i = 0; i < 5; i++) {
			subscribe(subscription(unique("flood"), List.of(), List.of(), "da", "weekly"), client);
		}
		String refused = unique("flood");
		this.http.post().uri("/api/v1/subscriptions").contentType(MediaType.APPLICATION_JSON)
			.header("X-Forwarded-For", client)
			.bodyValue(subscription(refused, List.of(), List.of(), "da", "weekly"))
			.exchange()
			.expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader().exists("Retry-After")
			.expectBody().jsonPath("$.type").isEqualTo("https://sammen.dk/problems/rate-limited");
		subscribe(subscription(unique("other-client"), List.of(), List.of(), "da", "weekly"), "192.0.2.78");
		await().during(Duration.ofSeconds(2)).atMost(PATIENCE)
			.untilAsserted(() -> assertThat(mailsTo(mailbox, refused)).as("nothing stored, nothing sent").isEmpty());
	}

	@Test
	void sendsAtMostThreeMails_whenOneAddressIsSubscribedRepeatedly() {
		String victim = unique("victim");
		for (int i = 0; i < 6; i++) {
			subscribe(subscription(victim, List.of(), List.of(), "da", "weekly"));
		}
		awaitMails(mailbox, victim, 3);
		await().during(Duration.ofSeconds(3)).atMost(PATIENCE)
			.untilAsserted(() -> assertThat(mailsTo(mailbox, victim)).hasSize(3));
	}

	private static Map<String, Object> campaignNewsletter() {
		return Map.of("kind", "campaign", "campaign", "vaer-en-som-raekker-ud", "subject",
				Map.of("da", "Ræk ud i oktober", "en", "Reach out in October"), "body",
				Map.of("da", "Kære modtager,\n\nRæk ud til en, du kender.", "en", "Dear reader,\n\nReach out."));
	}

	// helpers

	private static String unique(String name) {
		return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.dk";
	}

	/** Subscribes from a client address of its own, as the gateway reports it. */
	private String subscribe(Map<String, Object> request) {
		java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
		return subscribe(request, "10.0." + random.nextInt(250) + "." + random.nextInt(250));
	}

	private String subscribe(Map<String, Object> request, String client) {
		return this.http.post().uri("/api/v1/subscriptions").contentType(MediaType.APPLICATION_JSON).bodyValue(request)
			.header("X-Forwarded-For", "203.0.113.7, " + client)
			.exchange()
			.expectStatus().isAccepted()
			.expectBody(String.class).returnResult().getResponseBody();
	}

	/** Subscribes and confirms; returns the address. */
	private String confirmed(Map<String, Object> request) {
		String email = (String) request.get("email");
		subscribe(request);
		String confirmToken = token(awaitMails(mailbox, email, 1).getFirst(), "confirm");
		this.http.post().uri("/api/v1/subscriptions/confirm?token={t}", confirmToken).exchange().expectStatus().isOk();
		return email;
	}

	/** A manage token, as an already-subscribed reminder mail carries it. */
	private String manageToken(String email) {
		int before = mailsTo(mailbox, email).size();
		subscribe(subscription(email, List.of(), List.of(), "da", "weekly"));
		return token(awaitMails(mailbox, email, before + 1).get(before), "me");
	}

	@Test
	void poisonMessages_goToDeadLetterTopicWithReason_laterMessagesStillPass() throws Exception {
		// the only partition the auto-created topic has here: the good record must pass behind the poison
		int partition = 0;
		String notJson = UUID.randomUUID().toString();
		String wrongShape = UUID.randomUUID().toString();
		String notCloudEvent = UUID.randomUUID().toString();
		String title = "Efter giften " + UUID.randomUUID();
		String after = UUID.randomUUID().toString();
		try (KafkaProducer<String, byte[]> producer = rawProducer()) {
			producer.send(cloudEvent(partition, notJson, "dk.sammen.event.published.v1", "{\"event\": {not json")).get();
			producer.send(cloudEvent(partition, wrongShape, "dk.sammen.event.updated.v1",
					"{\"event\":{\"id\":\"x\",\"title\":\"no status, no times\"}}")).get();
			ProducerRecord<String, byte[]> bare = cloudEvent(partition, notCloudEvent, "dk.sammen.event.published.v1", "{}");
			bare.headers().remove("ce_specversion");
			producer.send(bare).get();
			producer.send(cloudEvent(partition, after, "dk.sammen.event.published.v1",
					new String(this.json.writeValueAsBytes(new EventPublishedV1(NotificationTestKit.event(after, title,
							"danmark-spiser-sammen", "0101", "1084", Instant.now().plus(Duration.ofDays(2))))),
							StandardCharsets.UTF_8))).get();
		}

		awaitReadModel(title);
		String group = this.kafkaProperties.getConsumer().getGroupId();
		List<ConsumerRecord<String, byte[]>> dead = TopicReader.shared().await(
				DeadLetterTopics.of(Topics.EVENTS, group),
				// the webhook listener reads the same topic in a group of its own and dead-letters the poison too
				(r) -> List.of(notJson, wrongShape, notCloudEvent).contains(TopicReader.header(r, "ce_id"))
						&& group.equals(TopicReader.header(r, "kafka_dlt-original-consumer-group")),
				3);
		assertThat(dead).hasSize(3).allSatisfy((record) -> {
			assertThat(record.partition()).isEqualTo(partition);
			assertThat(TopicReader.header(record, "kafka_dlt-original-topic")).isEqualTo(Topics.EVENTS);
			assertThat(TopicReader.header(record, "kafka_dlt-original-consumer-group")).isEqualTo(group);
			assertThat(TopicReader.header(record, "kafka_dlt-exception-message")).isNotBlank();
		});
	}

	private static KafkaProducer<String, byte[]> rawProducer() {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers());
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		return new KafkaProducer<>(config);
	}

	/** A record in CloudEvents binary mode, with whatever payload, on the events topic. */
	private static ProducerRecord<String, byte[]> cloudEvent(int partition, String ceId, String type, String payload) {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.EVENTS, partition, ceId,
				payload.getBytes(StandardCharsets.UTF_8));
		record.headers().add("ce_id", ceId.getBytes(StandardCharsets.UTF_8));
		record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
		record.headers().add("ce_source", "/sammen/events-service".getBytes(StandardCharsets.UTF_8));
		record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
		record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
		return record;
	}

	private String publishSoon(String kommune, String programme) {
		String title = "Arrangement " + UUID.randomUUID();
		String region = switch (kommune) {
			case "0751" -> "1082";
			case "0461" -> "1083";
			default -> "1084";
		};
		String id = UUID.randomUUID().toString();
		NotificationTestKit.publish(this.kafka, this.json,
				NotificationTestKit.event(id, title, programme, kommune, region, Instant.now().plus(Duration.ofDays(2))));
		return title;
	}

	/** Waits until the read model has the item: a letter lists what the read model has when it is composed. */
	private void awaitReadModel(String title) {
		await().atMost(PATIENCE).until(() -> Boolean.TRUE.equals(this.mongo
			.exists(Query.query(Criteria.where("title").is(title)), "upcoming")
			.block()));
	}

	private String admin() {
		return this.identities.sign(new CallerIdentity(CallerIdentity.PLATFORM, Role.ADMIN, "key-admin"));
	}

	private String trigger(Map<String, Object> request) {
		return this.http.post().uri("/api/v1/admin/newsletters").contentType(MediaType.APPLICATION_JSON)
			.header("X-Sammen-Identity", admin())
			.bodyValue(request)
			.exchange()
			.expectStatus().isAccepted()
			.expectHeader().exists("Location")
			.expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> awaitCompleted(String edition) {
		return await().atMost(PATIENCE).until(() -> (Map<String, Object>) this.http.get()
			.uri("/api/v1/admin/newsletters/{id}", edition)
			.header("X-Sammen-Identity", admin())
			.exchange()
			.expectStatus().isOk()
			.expectBody(Map.class).returnResult().getResponseBody(), (view) -> "completed".equals(view.get("status")));
	}

	/** Every mail but the confirmation and reminders. */
	private static List<MimeMessage> newsletters(String email) {
		return mailsTo(mailbox, email).stream().filter((mail) -> header(mail, "List-Unsubscribe-Post").length() > 0
				&& !text(mail).contains("/api/v1/subscriptions/confirm?token=")).toList();
	}

	private static MimeMessage onlyNewsletter(String email) {
		List<MimeMessage> found = await().atMost(PATIENCE).until(() -> newsletters(email), (mails) -> !mails.isEmpty());
		assertThat(found).hasSize(1);
		return found.getFirst();
	}

	/** Reads the newest mail of {@code email} over IMAP, as a mail client would. */
	private static String readOverImap(String email) throws Exception {
		Properties properties = new Properties();
		Store store = Session.getInstance(properties).getStore("imap");
		store.connect("127.0.0.1", mailbox.getImap().getPort(), email, email);
		try {
			Folder inbox = store.getFolder("INBOX");
			inbox.open(Folder.READ_ONLY);
			Message[] messages = inbox.getMessages();
			return text((MimeMessage) messages[messages.length - 1]);
		}
		finally {
			store.close();
		}
	}

}
