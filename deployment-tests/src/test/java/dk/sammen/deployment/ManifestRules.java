package dk.sammen.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

/**
 * The project's own rules for rendered manifests, beyond what the schemas say. Each returns what
 * breaks it, one line per finding, so a failure names the object and the reason.
 */
final class ManifestRules {

	private ManifestRules() {
	}

	/**
	 * Every container: readiness and liveness probes where the pod runs for good, CPU and memory
	 * requests and limits (limits at least the requests), non-root, read-only root filesystem with a
	 * writable /tmp, no privilege escalation, every capability dropped, seccomp RuntimeDefault, no
	 * service account token (nothing here talks to the Kubernetes API).
	 */
	static List<String> containers(Manifests manifests) {
		List<String> violations = new ArrayList<>();
		for (Workload workload : Workload.in(manifests)) {
			PodSecurityContext pod = Optional.ofNullable(workload.pod().getSecurityContext()).orElseGet(PodSecurityContext::new);
			String where = workload.kind() + " " + workload.name();
			if (!Boolean.FALSE.equals(workload.pod().getAutomountServiceAccountToken())) {
				violations.add(where + ": automountServiceAccountToken is not false");
			}
			boolean podSeccomp = pod.getSeccompProfile() != null && "RuntimeDefault".equals(pod.getSeccompProfile().getType());
			for (Container container : workload.containers()) {
				String at = where + " container " + container.getName();
				SecurityContext security = Optional.ofNullable(container.getSecurityContext()).orElseGet(SecurityContext::new);
				if (workload.longRunning() && container.getReadinessProbe() == null) {
					violations.add(at + ": no readinessProbe");
				}
				if (workload.longRunning() && container.getLivenessProbe() == null) {
					violations.add(at + ": no livenessProbe");
				}
				violations.addAll(resources(at, container));
				if (!Boolean.TRUE.equals(security.getRunAsNonRoot()) && !Boolean.TRUE.equals(pod.getRunAsNonRoot())) {
					violations.add(at + ": runAsNonRoot is not true");
				}
				if (Long.valueOf(0).equals(security.getRunAsUser()) || Long.valueOf(0).equals(pod.getRunAsUser())) {
					violations.add(at + ": runs as user 0");
				}
				if (!Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
					violations.add(at + ": readOnlyRootFilesystem is not true");
				}
				else if (container.getVolumeMounts() == null
						|| container.getVolumeMounts().stream().noneMatch((mount) -> mount.getMountPath().equals("/tmp"))) {
					violations.add(at + ": read-only root filesystem without a volume on /tmp");
				}
				if (!Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
					violations.add(at + ": allowPrivilegeEscalation is not false");
				}
				if (security.getCapabilities() == null || security.getCapabilities().getDrop() == null
						|| !security.getCapabilities().getDrop().contains("ALL")) {
					violations.add(at + ": does not drop ALL capabilities");
				}
				boolean containerSeccomp = security.getSeccompProfile() != null
						&& "RuntimeDefault".equals(security.getSeccompProfile().getType());
				if (!podSeccomp && !containerSeccomp) {
					violations.add(at + ": no seccomp profile RuntimeDefault");
				}
			}
		}
		return violations;
	}

	private static List<String> resources(String at, Container container) {
		List<String> violations = new ArrayList<>();
		if (container.getResources() == null) {
			return List.of(at + ": no resources");
		}
		Map<String, Quantity> requests = Objects.requireNonNullElse(container.getResources().getRequests(), Map.of());
		Map<String, Quantity> limits = Objects.requireNonNullElse(container.getResources().getLimits(), Map.of());
		for (String resource : List.of("cpu", "memory")) {
			Quantity request = requests.get(resource);
			Quantity limit = limits.get(resource);
			if (request == null) {
				violations.add(at + ": no " + resource + " request");
			}
			if (limit == null) {
				violations.add(at + ": no " + resource + " limit");
			}
			if (request != null && limit != null
					&& request.getNumericalAmount().compareTo(limit.getNumericalAmount()) > 0) {
				violations.add(at + ": " + resource + " request " + request + " above its limit " + limit);
			}
		}
		return violations;
	}

	/** Every Service selects the pods of a workload, and each of its target ports is a port of theirs. */
	static List<String> services(Manifests manifests) {
		List<String> violations = new ArrayList<>();
		List<Workload> workloads = Workload.in(manifests);
		for (Service service : manifests.of(Service.class)) {
			String at = "Service " + service.getMetadata().getName();
			List<Workload> selected = workloads.stream()
				.filter(Workload::longRunning)
				.filter((workload) -> Workload.matches(service.getSpec().getSelector(), workload.podLabels()))
				.toList();
			if (selected.isEmpty()) {
				violations.add(at + ": selects no Deployment's or StatefulSet's pods");
				continue;
			}
			for (ServicePort port : service.getSpec().getPorts()) {
				for (Workload workload : selected) {
					if (!exposes(workload, port.getTargetPort() != null ? port.getTargetPort() : new IntOrString(port.getPort()))) {
						violations.add(at + ": port " + port.getName() + " targets " + port.getTargetPort() + ", which "
								+ workload.kind() + " " + workload.name() + " does not expose");
					}
				}
			}
		}
		return violations;
	}

	static boolean exposes(Workload workload, IntOrString port) {
		return workload.containers()
			.stream()
			.flatMap((container) -> Optional.ofNullable(container.getPorts()).orElse(List.of()).stream())
			.anyMatch((containerPort) -> matches(containerPort, port));
	}

	private static boolean matches(ContainerPort containerPort, IntOrString port) {
		return (port.getStrVal() != null) ? port.getStrVal().equals(containerPort.getName())
				: port.getIntVal().equals(containerPort.getContainerPort());
	}

	/**
	 * Every autoscaler targets an existing Deployment whose replicas lie within its bounds; every
	 * disruption budget selects a workload's pods.
	 */
	static List<String> scalingAndDisruption(Manifests manifests) {
		List<String> violations = new ArrayList<>();
		List<Workload> workloads = Workload.in(manifests);
		for (HorizontalPodAutoscaler autoscaler : manifests.of(HorizontalPodAutoscaler.class)) {
			String at = "HorizontalPodAutoscaler " + autoscaler.getMetadata().getName();
			var target = autoscaler.getSpec().getScaleTargetRef();
			Optional<Workload> workload = workloads.stream()
				.filter((candidate) -> candidate.kind().equals(target.getKind()) && candidate.name().equals(target.getName()))
				.findFirst();
			if (workload.isEmpty()) {
				violations.add(at + ": targets " + target.getKind() + " " + target.getName() + ", which does not exist");
				continue;
			}
			int min = Objects.requireNonNullElse(autoscaler.getSpec().getMinReplicas(), 1);
			int max = autoscaler.getSpec().getMaxReplicas();
			Integer replicas = workload.get().replicas();
			if (min > max) {
				violations.add(at + ": minReplicas " + min + " above maxReplicas " + max);
			}
			if (replicas != null && (replicas < min || replicas > max)) {
				violations.add(at + ": " + target.getName() + " has " + replicas + " replicas, outside " + min + ".." + max);
			}
		}
		for (PodDisruptionBudget budget : manifests.of(PodDisruptionBudget.class)) {
			if (workloads.stream().noneMatch((workload) -> workload.selectedBy(budget.getSpec().getSelector()))) {
				violations.add("PodDisruptionBudget " + budget.getMetadata().getName() + ": selects no workload's pods");
			}
		}
		return violations;
	}

	/**
	 * Every NetworkPolicy selects some pods, and every pod of the manifests is selected by a policy
	 * that restricts both directions: nothing runs with the network wide open.
	 */
	static List<String> networkPolicies(Manifests manifests) {
		List<String> violations = new ArrayList<>();
		List<Workload> workloads = Workload.in(manifests);
		List<NetworkPolicy> policies = manifests.of(NetworkPolicy.class);
		for (NetworkPolicy policy : policies) {
			if (workloads.stream().noneMatch((workload) -> workload.selectedBy(policy.getSpec().getPodSelector()))) {
				violations.add("NetworkPolicy " + policy.getMetadata().getName() + ": selects no workload's pods");
			}
		}
		for (Workload workload : workloads) {
			List<NetworkPolicy> covering = policies.stream()
				.filter((policy) -> workload.selectedBy(policy.getSpec().getPodSelector()))
				.toList();
			boolean ingress = covering.stream().anyMatch((policy) -> policy.getSpec().getPolicyTypes().contains("Ingress"));
			boolean egress = covering.stream().anyMatch((policy) -> policy.getSpec().getPolicyTypes().contains("Egress"));
			if (!ingress || !egress) {
				violations.add(workload.kind() + " " + workload.name() + ": not restricted by a NetworkPolicy in both directions");
			}
		}
		return violations;
	}

	/** The Ingress routes to a Service port that exists; ServiceMonitors scrape a named port of what they select. */
	static List<String> entryAndMonitoring(Manifests manifests) {
		List<String> violations = new ArrayList<>();
		for (Ingress ingress : manifests.of(Ingress.class)) {
			ingress.getSpec().getRules().forEach((rule) -> rule.getHttp().getPaths().forEach((path) -> {
				var backend = path.getBackend().getService();
				Optional<Service> service = manifests.find(Service.class, backend.getName());
				boolean portExists = service.isPresent() && service.get()
					.getSpec()
					.getPorts()
					.stream()
					.anyMatch((port) -> Objects.equals(port.getName(), backend.getPort().getName())
							|| Objects.equals(port.getPort(), backend.getPort().getNumber()));
				if (!portExists) {
					violations.add("Ingress " + ingress.getMetadata().getName() + ": routes " + path.getPath() + " to "
							+ backend.getName() + ":" + backend.getPort() + ", which does not exist");
				}
			}));
		}
		for (ServiceMonitor monitor : manifests.of(ServiceMonitor.class)) {
			String at = "ServiceMonitor " + monitor.getMetadata().getName();
			List<Service> selected = manifests.of(Service.class)
				.stream()
				.filter((service) -> Workload.matches(monitor.getSpec().getSelector(),
						Objects.requireNonNullElse(service.getMetadata().getLabels(), Map.of())))
				.toList();
			if (selected.isEmpty()) {
				violations.add(at + ": selects no Service");
			}
			for (Endpoint endpoint : monitor.getSpec().getEndpoints()) {
				for (Service service : selected) {
					if (service.getSpec().getPorts().stream().noneMatch((port) -> endpoint.getPort().equals(port.getName()))) {
						violations.add(at + ": Service " + service.getMetadata().getName() + " has no port named "
								+ endpoint.getPort());
					}
				}
			}
		}
		return violations;
	}

	static List<String> all(Manifests manifests) {
		List<String> violations = new ArrayList<>(manifests.violations());
		violations.addAll(containers(manifests));
		violations.addAll(services(manifests));
		violations.addAll(scalingAndDisruption(manifests));
		violations.addAll(networkPolicies(manifests));
		violations.addAll(entryAndMonitoring(manifests));
		return violations;
	}

}
