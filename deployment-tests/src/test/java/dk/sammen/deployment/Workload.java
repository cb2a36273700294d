package dk.sammen.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/** Anything that runs pods: a Deployment, a StatefulSet or a Job, with its pod template. */
record Workload(String kind, String name, PodTemplateSpec template, Integer replicas) {

	/** Runs for good, so it must be probed; a Job runs to completion. */
	boolean longRunning() {
		return !this.kind.equals("Job");
	}

	PodSpec pod() {
		return this.template.getSpec();
	}

	Map<String, String> podLabels() {
		Map<String, String> labels = this.template.getMetadata().getLabels();
		return (labels != null) ? labels : Map.of();
	}

	List<Container> containers() {
		return pod().getContainers();
	}

	Container container(String name) {
		return containers().stream()
			.filter((container) -> container.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError(this.kind + " " + this.name + " has no container " + name));
	}

	boolean selectedBy(LabelSelector selector) {
		return matches(selector, podLabels());
	}

	static List<Workload> in(Manifests manifests) {
		List<Workload> workloads = new ArrayList<>();
		manifests.of(Deployment.class)
			.forEach((d) -> workloads.add(new Workload("Deployment", d.getMetadata().getName(), d.getSpec().getTemplate(),
					d.getSpec().getReplicas())));
		manifests.of(StatefulSet.class)
			.forEach((s) -> workloads.add(new Workload("StatefulSet", s.getMetadata().getName(), s.getSpec().getTemplate(),
					s.getSpec().getReplicas())));
		manifests.of(Job.class)
			.forEach((j) -> workloads.add(new Workload("Job", j.getMetadata().getName(), j.getSpec().getTemplate(), null)));
		return workloads;
	}

	/** Kubernetes' label selector semantics; an empty selector selects everything, a missing one nothing. */
	static boolean matches(LabelSelector selector, Map<String, String> labels) {
		if (selector == null) {
			return false;
		}
		if (selector.getMatchLabels() != null && !selector.getMatchLabels()
			.entrySet()
			.stream()
			.allMatch((label) -> label.getValue().equals(labels.get(label.getKey())))) {
			return false;
		}
		if (selector.getMatchExpressions() != null) {
			for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
				String value = labels.get(requirement.getKey());
				boolean ok = switch (requirement.getOperator()) {
					case "In" -> value != null && requirement.getValues().contains(value);
					case "NotIn" -> value == null || !requirement.getValues().contains(value);
					case "Exists" -> value != null;
					case "DoesNotExist" -> value == null;
					default -> throw new AssertionError("Unknown selector operator " + requirement.getOperator());
				};
				if (!ok) {
					return false;
				}
			}
		}
		return true;
	}

	/** A Service's plain map selector; an empty one would select every pod, so it selects none here. */
	static boolean matches(Map<String, String> selector, Map<String, String> labels) {
		return selector != null && !selector.isEmpty()
				&& selector.entrySet().stream().allMatch((label) -> label.getValue().equals(labels.get(label.getKey())));
	}

}
