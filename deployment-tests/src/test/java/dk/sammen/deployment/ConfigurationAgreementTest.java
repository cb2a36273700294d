package dk.sammen.deployment;

import java.lang.reflect.Modifier;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dk.sammen.contracts.Topics;
import dk.sammen.platform.consumer.DeadLetterTopics;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests and the services' {@code k8s} profile name the same ports, paths, hosts and topics.
 * The services' configuration files and the contracts' {@link Topics} are the source; the manifests
 * must follow them.
 */
class ConfigurationAgreementTest {

	/** sammen.api-keys.v1's partitions are fixed in code (events-service Topology, gateway ApiKeyConfiguration). */
	private static final int API_KEYS_PARTITIONS = 3;

	/** events-service's Topology declares the organisations topic with 3 partitions, like the keys. */
	private static final int ORGANISATIONS_PARTITIONS = 3;

	/** events-service's ReconfirmationReminders declares the partner notices topic with 3. */
	private static final int PARTNER_NOTICES_PARTITIONS = 3;

	static Stream<String> overlays() {
		return Kustomize.overlays().stream();
	}

	private static Manifests rendered(String overlay) {
		return Manifests.read(Kustomize.render(overlay));
	}

	private static Container container(Manifests manifests, String service) {
		return manifests.get(Deployment.class, service).getSpec().getTemplate().getSpec().getContainers().stream()
			.filter((container) -> container.getName().equals(service))
			.findFirst()
			.orElseThrow();
	}

	/** The service's configuration as its pod in {@code manifests} starts it. */
	private static ServiceConfiguration configuration(Manifests manifests, String service) {
		Map<String, String> environment = ContainerEnvironment.of(manifests, container(manifests, service));
		assertThat(environment).as("%s's environment", service).containsEntry("SPRING_PROFILES_ACTIVE", "k8s");
		return ServiceConfiguration.of(service, "k8s", environment);
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void portsAndProbes_matchEachServicesServerPortAndActuator(String overlay) {
		Manifests manifests = rendered(overlay);
		for (String service : Repository.SERVICES) {
			ServiceConfiguration config = configuration(manifests, service);
			Container container = container(manifests, service);
			int port = config.getInt("server.port");

			assertThat(container.getPorts()).as(service)
				.anySatisfy((containerPort) -> {
					assertThat(containerPort.getName()).isEqualTo("http");
					assertThat(containerPort.getContainerPort()).isEqualTo(port);
				});
			assertThat(manifests.get(Service.class, service).getSpec().getPorts()).as("Service %s", service)
				.anySatisfy((servicePort) -> assertThat(servicePort.getPort()).isEqualTo(port));
			assertThat(config.get("management.endpoint.health.probes.enabled")).as(service).isEqualTo("true");
			assertThat(config.get("management.endpoints.web.exposure.include").split(",")).as(service)
				.contains("health", "prometheus");
			assertThat(container.getReadinessProbe().getHttpGet().getPath()).as(service)
				.isEqualTo("/actuator/health/readiness");
			assertThat(container.getLivenessProbe().getHttpGet().getPath()).as(service)
				.isEqualTo("/actuator/health/liveness");
			assertThat(container.getStartupProbe().getHttpGet().getPath()).as(service)
				.isEqualTo("/actuator/health/liveness");
		}
		assertThat(manifests.of(ServiceMonitor.class)).flatExtracting((monitor) -> monitor.getSpec().getEndpoints())
			.allSatisfy((endpoint) -> assertThat(endpoint.getPath()).isEqualTo("/actuator/prometheus"));
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void gatewayRoutes_nameTheServicesAndTheirPorts(String overlay) {
		Manifests manifests = rendered(overlay);
		ServiceConfiguration gateway = configuration(manifests, "gateway");
		Map<String, String> routes = Map.of("events-uri", "events-service", "campaign-uri", "campaign-service",
				"notification-uri", "notification-service");
		routes.forEach((property, service) -> {
			URI uri = URI.create(gateway.get("sammen.gateway.services." + property));
			ServiceConfiguration target = configuration(manifests, service);

			assertThat(uri.getHost()).as(property).isEqualTo(service);
			assertThat(uri.getPort()).as(property).isEqualTo(target.getInt("server.port"));
			assertThat(manifests.get(Service.class, service).getSpec().getPorts())
				.anySatisfy((port) -> assertThat(port.getPort()).isEqualTo(uri.getPort()));
		});
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void kafkaBootstrapServers_areTheStrimziClustersBootstrapService(String overlay) {
		Manifests manifests = rendered(overlay);
		Kafka kafka = manifests.of(Kafka.class).getFirst();
		GenericKafkaListener plain = kafka.getSpec().getKafka().getListeners().stream()
			.filter((listener) -> !Boolean.TRUE.equals(listener.isTls()))
			.findFirst()
			.orElseThrow();
		String bootstrap = kafka.getMetadata().getName() + "-kafka-bootstrap:" + plain.getPort();

		for (String service : Repository.SERVICES) {
			assertThat(configuration(manifests, service).get("spring.kafka.bootstrap-servers")).as(service)
				.isEqualTo(bootstrap);
		}
		assertThat(plain.getNetworkPolicyPeers()).as("who may connect to Kafka")
			.extracting((peer) -> peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"))
			.containsExactlyInAnyOrderElementsOf(Repository.SERVICES);
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void mongoUris_nameEveryMemberOfTheReplicaSet(String overlay) {
		Manifests manifests = rendered(overlay);
		StatefulSet mongodb = manifests.get(StatefulSet.class, "mongodb");
		List<String> command = mongodb.getSpec().getTemplate().getSpec().getContainers().getFirst().getCommand();
		String replicaSet = command.get(command.indexOf("--replSet") + 1);
		int members = mongodb.getSpec().getReplicas();
		List<String> hosts = IntStream.range(0, members)
			.mapToObj((i) -> "mongodb-" + i + "." + mongodb.getSpec().getServiceName() + ":27017")
			.toList();
		Map<String, String> initiator = manifests.configMap("mongodb-replica-set");

		assertThat(manifests.get(Service.class, mongodb.getSpec().getServiceName()).getSpec().getClusterIP())
			.as("the StatefulSet's Service is headless").isEqualTo("None");
		assertThat(initiator).containsEntry("MONGODB_REPLICA_SET", replicaSet)
			.containsEntry("MONGODB_MEMBERS", String.valueOf(members));
		for (String service : List.of("events-service", "campaign-service", "notification-service")) {
			URI uri = URI.create(configuration(manifests, service).get("spring.mongodb.uri"));
			String authority = uri.getRawAuthority();

			assertThat(uri.getScheme()).isEqualTo("mongodb");
			assertThat(authority.split(",")).as("%s's MongoDB hosts", service).containsExactlyElementsOf(hosts);
			assertThat(uri.getQuery()).as(service).contains("replicaSet=" + replicaSet);
			assertThat(uri.getPath()).as("%s has a database of its own", service)
				.isEqualTo("/sammen-" + service.replace("-service", ""));
		}
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void kafkaTopics_areTheContractsTopicsAndEveryDeadLetterTopic(String overlay) {
		Manifests manifests = rendered(overlay);
		Set<String> expected = new TreeSet<>(contractTopics());
		for (String service : Repository.SERVICES) {
			ServiceConfiguration config = configuration(manifests, service);
			config.find("sammen.consumer.topics").ifPresent((topics) -> Arrays.stream(topics.split(","))
				.map(String::trim)
				.forEach((topic) -> expected.add(DeadLetterTopics.of(topic, config.get("spring.kafka.consumer.group-id")))));
		}

		assertThat(topics(manifests).keySet()).containsExactlyInAnyOrderElementsOf(expected);
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void topicPartitions_agreeWithTheServicesConfiguration(String overlay) {
		Manifests manifests = rendered(overlay);
		Map<String, KafkaTopic> topics = topics(manifests);
		Map<String, Integer> expected = new HashMap<>();
		expected.put(Topics.EVENTS, configuration(manifests, "events-service").getInt("sammen.events.topic-partitions"));
		expected.put(Topics.API_KEYS, API_KEYS_PARTITIONS);
		expected.put(Topics.ORGANISATIONS, ORGANISATIONS_PARTITIONS);
		expected.put(Topics.PARTNER_NOTICES, PARTNER_NOTICES_PARTITIONS);
		expected.put(Topics.CAMPAIGN_ACTIVITIES,
				configuration(manifests, "campaign-service").getInt("sammen.campaign.activities-topic.partitions"));
		expected.put(Topics.NOTIFICATION_DELIVERIES,
				configuration(manifests, "notification-service").getInt("sammen.notification.editions.delivery-partitions"));
		for (String service : List.of("campaign-service", "notification-service")) {
			ServiceConfiguration config = configuration(manifests, service);
			int deadLetterPartitions = config.getInt("sammen.consumer.dead-letter-partitions");
			for (String topic : config.get("sammen.consumer.topics").split(",")) {
				String deadLetters = DeadLetterTopics.of(topic.trim(), config.get("spring.kafka.consumer.group-id"));
				expected.put(deadLetters, deadLetterPartitions);
				// a dead letter keeps its partition number, so its topic needs at least the source's
				assertThat(topics.get(deadLetters).getSpec().getPartitions()).as(deadLetters)
					.isGreaterThanOrEqualTo(topics.get(topic.trim()).getSpec().getPartitions());
			}
		}

		topics.forEach((name, topic) -> assertThat(topic.getSpec().getPartitions()).as(name).isEqualTo(expected.get(name)));
		assertThat(topics.get(Topics.API_KEYS).getSpec().getConfig()).containsEntry("cleanup.policy", "compact");
		assertThat(topics.get(Topics.ORGANISATIONS).getSpec().getConfig()).containsEntry("cleanup.policy", "compact");
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void topicReplicas_fitTheBrokersAndSurviveOneBeingLost(String overlay) {
		Manifests manifests = rendered(overlay);
		int brokers = manifests.of(KafkaNodePool.class).stream()
			.filter((pool) -> pool.getSpec().getRoles().stream().anyMatch((role) -> role.toValue().equals("broker")))
			.mapToInt((pool) -> pool.getSpec().getReplicas())
			.sum();
		Map<String, Object> config = manifests.of(Kafka.class).getFirst().getSpec().getKafka().getConfig();
		int minInSync = Integer.parseInt(String.valueOf(config.get("min.insync.replicas")));

		topics(manifests).forEach((name, topic) -> {
			assertThat(topic.getSpec().getReplicas()).as(name).isLessThanOrEqualTo(brokers);
			if (brokers > 1) {
				// acks=all keeps working with one replica down
				assertThat(minInSync).as(name).isLessThan(topic.getSpec().getReplicas());
			}
		});
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void notificationAutoscaler_staysWithinTheDeliveryPartitions(String overlay) {
		Manifests manifests = rendered(overlay);
		int partitions = configuration(manifests, "notification-service")
			.getInt("sammen.notification.editions.delivery-partitions");

		// one consumer per partition at most: further replicas would sit idle
		assertThat(manifests.get(HorizontalPodAutoscaler.class, "notification-service").getSpec().getMaxReplicas())
			.isLessThanOrEqualTo(partitions);
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void mailRelayPort_isOpenInNotificationServicesNetworkPolicy(String overlay) {
		Manifests manifests = rendered(overlay);
		int mailPort = Integer.parseInt(configuration(manifests, "notification-service").get("spring.mail.port"));

		assertThat(manifests.get(NetworkPolicy.class, "notification-service").getSpec().getEgress())
			.flatExtracting((rule) -> rule.getPorts())
			.extracting((port) -> port.getPort().getIntVal())
			.contains(mailPort);
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void webhookEgress_isHttpsToPublicAddressesOnly(String overlay) {
		Manifests manifests = rendered(overlay);
		var egress = manifests.get(NetworkPolicy.class, "notification-service").getSpec().getEgress();

		// partners' receivers are anywhere on the internet, on 443 (sammen.notification.webhooks.allowed-ports adds none)
		assertThat(configuration(manifests, "notification-service").find("sammen.notification.webhooks.allowed-ports"))
			.as("extra webhook ports would need their own egress rule").isEmpty();
		var https = egress.stream()
			.filter((rule) -> rule.getPorts().stream().anyMatch((port) -> port.getPort().getIntVal() == 443))
			.toList();
		assertThat(https).singleElement().satisfies((rule) -> {
			assertThat(rule.getTo()).isNotEmpty().allSatisfy((peer) -> assertThat(peer.getIpBlock()).isNotNull());
			assertThat(rule.getTo()).extracting((peer) -> peer.getIpBlock().getCidr()).containsExactlyInAnyOrder("0.0.0.0/0", "::/0");
			assertThat(rule.getTo()).flatExtracting((peer) -> peer.getIpBlock().getExcept())
				.contains("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "127.0.0.0/8", "100.64.0.0/10",
						"fc00::/7", "fe80::/10");
		});
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void gracefulShutdown_fitsInTheTerminationGracePeriod(String overlay) {
		Manifests manifests = rendered(overlay);
		for (String service : Repository.SERVICES) {
			ServiceConfiguration config = configuration(manifests, service);
			var pod = manifests.get(Deployment.class, service).getSpec().getTemplate().getSpec();
			long preStop = container(manifests, service).getLifecycle().getPreStop().getSleep().getSeconds();
			Duration shutdownPhase = Duration.parse("PT" + config.get("spring.lifecycle.timeout-per-shutdown-phase").toUpperCase());

			assertThat(config.get("server.shutdown")).as(service).isEqualTo("graceful");
			assertThat(pod.getTerminationGracePeriodSeconds()).as("%s: preStop %ss + shutdown phase %s", service, preStop,
					shutdownPhase)
				.isGreaterThan(preStop + shutdownPhase.toSeconds());
		}
	}

	@ParameterizedTest
	@MethodSource("overlays")
	void rollingUpdates_neverTakeAReplicaAwayBeforeItsSuccessorIsReady(String overlay) {
		Manifests manifests = rendered(overlay);
		if (!overlay.endsWith("prod")) {
			return;
		}
		for (String service : Repository.SERVICES) {
			Deployment deployment = manifests.get(Deployment.class, service);

			assertThat(deployment.getSpec().getReplicas()).as(service).isGreaterThanOrEqualTo(2);
			assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).as(service)
				.isZero();
			assertThat(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints()).as(service)
				.extracting((constraint) -> constraint.getTopologyKey())
				.contains("kubernetes.io/hostname", "topology.kubernetes.io/zone");
		}
		assertThat(manifests.get(StatefulSet.class, "mongodb").getSpec().getReplicas()).isEqualTo(3);
		assertThat(manifests.of(KafkaNodePool.class)).extracting((pool) -> pool.getSpec().getReplicas()).containsExactly(3);
	}

	/** Every topic name {@link Topics} declares. */
	private static List<String> contractTopics() {
		return Arrays.stream(Topics.class.getDeclaredFields())
			.filter((field) -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
			.map((field) -> {
				try {
					return (String) field.get(null);
				}
				catch (IllegalAccessException ex) {
					throw new AssertionError(ex);
				}
			})
			.toList();
	}

	/** KafkaTopics by the topic they create (spec.topicName, else the resource's name). */
	private static Map<String, KafkaTopic> topics(Manifests manifests) {
		Map<String, KafkaTopic> topics = new HashMap<>();
		for (KafkaTopic topic : manifests.of(KafkaTopic.class)) {
			String name = (topic.getSpec().getTopicName() != null) ? topic.getSpec().getTopicName()
					: topic.getMetadata().getName();
			assertThat(topics.put(name, topic)).as("a second KafkaTopic for %s", name).isNull();
		}
		return topics;
	}

}
