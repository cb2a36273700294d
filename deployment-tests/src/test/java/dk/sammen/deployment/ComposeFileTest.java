package dk.sammen.deployment;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** docker-compose.yml against the Compose Specification, our rules and the services' compose profile. */
class ComposeFileTest {

	private static final ComposeFile compose = ComposeFile.read(Repository.COMPOSE_FILE);

	private static ServiceConfiguration configuration(String service) {
		return ServiceConfiguration.of(service, "compose", compose.environment(service));
	}

	@Test
	void composeFile_isValidAgainstTheComposeSpecification() {
		assertThat(compose.schemaViolations()).isEmpty();
	}

	@Test
	void composeFile_followsOurRules() {
		assertThat(compose.ruleViolations()).isEmpty();
		assertThat(compose.sammenServices()).containsExactlyInAnyOrderElementsOf(Repository.SERVICES);
		assertThat(compose.serviceNames()).contains("kafka", "mongodb", "mailpit", "prometheus", "grafana");
	}

	@Test
	void dockerComposeConfig_acceptsTheFile() throws Exception {
		// the real tool, where installed; the schema test above covers the file everywhere else
		String dockerCompose = onPath("docker-compose");
		Assumptions.assumeTrue(dockerCompose != null, "docker-compose is not installed here");
		ProcessBuilder builder = new ProcessBuilder(dockerCompose, "-f", Repository.COMPOSE_FILE.toString(), "config", "-q")
			.redirectErrorStream(true);
		// the secrets it insists on, with values that are obviously not real ones
		Map<String, String> environment = builder.environment();
		Stream.of("SAMMEN_ADMIN_KEY", "SAMMEN_IDENTITY_SIGNING_KEY", "SAMMEN_NOTIFICATION_TOKEN_SECRET",
				"SAMMEN_NOTIFICATION_WEBHOOK_SECRET_KEY")
			.forEach((name) -> environment.put(name, "test-only-value-of-at-least-32-characters"));
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
	}

	@Test
	void sammenServices_areHealthCheckedAndPublishedOnTheirConfiguredPort() {
		for (String service : Repository.SERVICES) {
			int port = configuration(service).getInt("server.port");
			Map<String, String> environment = compose.environment(service);

			assertThat(environment).as(service)
				.containsEntry("THC_PORT", String.valueOf(port))
				.containsEntry("THC_PATH", "/actuator/health/readiness");
			assertThat(compose.service(service).path("ports").get(0).asText()).as(service)
				.isEqualTo("127.0.0.1:" + port + ":" + port);
		}
	}

	@Test
	void composeProfile_namesTheComposeServicesKafkaMongoAndMailpit() {
		Map<String, String> kafka = compose.environment("kafka");
		JsonNode mongoCommand = compose.service("mongodb").path("command");
		List<String> mongod = new ArrayList<>();
		mongoCommand.forEach((argument) -> mongod.add(argument.asText()));
		String replicaSet = mongod.get(mongod.indexOf("--replSet") + 1);

		for (String service : Repository.SERVICES) {
			String bootstrap = configuration(service).get("spring.kafka.bootstrap-servers");
			assertThat(kafka.get("KAFKA_ADVERTISED_LISTENERS")).as(service).contains("PLAINTEXT://" + bootstrap);
		}
		for (String service : List.of("events-service", "campaign-service", "notification-service")) {
			URI uri = URI.create(configuration(service).get("spring.mongodb.uri"));
			assertThat(uri.getHost()).as(service).isEqualTo("mongodb");
			assertThat(uri.getQuery()).as(service).isEqualTo("replicaSet=" + replicaSet);
			assertThat(compose.service(service).path("depends_on").has("mongodb")).as(service).isTrue();
		}
		assertThat(configuration("notification-service").get("spring.mail.host")).isEqualTo("mailpit");
		assertThat(compose.environment("notification-service")).containsEntry("SPRING_MAIL_HOST", "mailpit");
		ServiceConfiguration gateway = configuration("gateway");
		for (String service : List.of("events-service", "campaign-service", "notification-service")) {
			String property = "sammen.gateway.services." + service.replace("-service", "") + "-uri";
			URI uri = URI.create(gateway.get(property));
			assertThat(uri.getHost()).as(property).isEqualTo(service);
			assertThat(uri.getPort()).as(property).isEqualTo(configuration(service).getInt("server.port"));
		}
	}

	@Test
	void prometheus_scrapesEveryServicesActuator() throws IOException {
		JsonNode prometheus = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
			.readTree(Repository.ROOT.resolve("compose/prometheus/prometheus.yml").toFile());
		for (String service : Repository.SERVICES) {
			JsonNode job = null;
			for (JsonNode candidate : prometheus.path("scrape_configs")) {
				if (candidate.path("job_name").asText().equals(service)) {
					job = candidate;
				}
			}
			assertThat(job).as("a scrape job named %s", service).isNotNull();
			assertThat(job.path("metrics_path").asText()).isEqualTo("/actuator/prometheus");
			assertThat(job.path("static_configs").get(0).path("targets").get(0).asText())
				.isEqualTo(service + ":" + configuration(service).getInt("server.port"));
			assertThat(configuration(service).get("management.endpoints.web.exposure.include")).contains("prometheus");
		}
	}

	@Test
	void mountedFiles_existInTheRepository() {
		for (String service : compose.serviceNames()) {
			for (JsonNode volume : compose.service(service).path("volumes")) {
				String source = volume.asText().split(":")[0];
				if (source.startsWith("./")) {
					assertThat(Repository.ROOT.resolve(source)).as("%s mounts %s", service, source).exists();
				}
			}
		}
	}

	@Test
	void grafanaDashboard_queriesOnlyMetricsTheServicesRegister() throws IOException {
		JsonNode dashboard = new ObjectMapper()
			.readTree(Repository.ROOT.resolve("compose/grafana/dashboards/sammen.json").toFile());
		Set<String> queried = new HashSet<>();
		Matcher metric = Pattern.compile("\\bsammen_[a-z_]+").matcher("");
		for (JsonNode panel : dashboard.path("panels")) {
			for (JsonNode target : panel.path("targets")) {
				metric.reset(target.path("expr").asText());
				while (metric.find()) {
					queried.add(metric.group().replaceAll("_(seconds_bucket|seconds_count|seconds_sum|seconds|total)$", ""));
				}
			}
		}
		Set<String> registered = registeredMeters();

		assertThat(queried).as("the dashboard's feed latency, outbox backlog and send rate")
			.contains("sammen_feed_latency", "sammen_outbox_backlog", "sammen_notification_mails");
		assertThat(registered).containsAll(queried);
	}

	/** Every meter name in the services' and the platform's code, in Prometheus' spelling. */
	private static Set<String> registeredMeters() throws IOException {
		Set<String> names = new HashSet<>();
		Pattern literal = Pattern.compile("\"(sammen\\.[a-z.\\-]+)\"");
		for (String module : Stream.concat(Repository.SERVICES.stream(), Stream.of("platform")).toList()) {
			try (Stream<Path> files = Files.walk(Repository.module(module).resolve("src/main/java"))) {
				for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
					Matcher matcher = literal.matcher(Files.readString(file));
					while (matcher.find()) {
						names.add(matcher.group(1).replace('.', '_').replace('-', '_'));
					}
				}
			}
		}
		return names;
	}

	private static String onPath(String command) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(dir, command);
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		return null;
	}

}
