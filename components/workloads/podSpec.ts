import * as k8s from "@pulumi/kubernetes";
import { DeploymentContext } from "../context";
import { ResolvedImage } from "../settings";

type Container = k8s.types.input.core.v1.Container;
type PodSpec = k8s.types.input.core.v1.PodSpec;
type ResourceRequirements = k8s.types.input.core.v1.ResourceRequirements;

/** `image` and `imagePullPolicy` of a container. */
export function imageFields(image: ResolvedImage): Pick<Container, "image" | "imagePullPolicy"> {
    return { image: image.reference, imagePullPolicy: image.pullPolicy };
}

/** The pod identity variables nginx and pyos read (upstream sets the same four on both). */
export function podIdentityEnv(): k8s.types.input.core.v1.EnvVar[] {
    const fieldRef = (fieldPath: string) => ({ valueFrom: { fieldRef: { fieldPath } } });
    return [
        { name: "NODE_NAME", ...fieldRef("spec.nodeName") },
        { name: "POD_NAME", ...fieldRef("metadata.name") },
        { name: "POD_NAMESPACE", ...fieldRef("metadata.namespace") },
        { name: "POD_IP", ...fieldRef("status.podIP") },
    ];
}

/**
 * Upstream's liveness and startup probes for nginx and pyos: the startup probe allows five failed checks
 * while the server starts, then a single failed liveness check restarts the container.
 */
export function httpProbes(path: string, port: number): Pick<Container, "livenessProbe" | "startupProbe"> {
    const httpGet = { path, port };
    return {
        livenessProbe: { httpGet, failureThreshold: 1, periodSeconds: 10 },
        startupProbe: { httpGet, failureThreshold: 5, periodSeconds: 10 },
    };
}

/** Requests and limits, written the way `kubectl` shows them. */
export function resources(request: { cpu: string; memory: string }, limit: { cpu: string; memory: string }): ResourceRequirements {
    return { requests: request, limits: limit };
}

/** A pod spec with the registry pull secret when one is configured. */
export function podSpec(context: DeploymentContext, spec: PodSpec): PodSpec {
    return context.imagePullSecrets ? { ...spec, imagePullSecrets: context.imagePullSecrets } : spec;
}
