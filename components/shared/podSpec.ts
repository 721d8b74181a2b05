import * as k8s from "@pulumi/kubernetes";
import { DeploymentContext } from "./context";
import { ResolvedImage } from "./image";

type Container = k8s.types.input.core.v1.Container;
type PodSpec = k8s.types.input.core.v1.PodSpec;

/** `image` and `imagePullPolicy` of a container. */
export function imageFields(image: ResolvedImage): Pick<Container, "image" | "imagePullPolicy"> {
    return { image: image.reference, imagePullPolicy: image.pullPolicy };
}

// The pod identity variables nginx and pyos read (upstream sets the same four on both), and their fields.
const POD_IDENTITY: Record<string, string> = {
    NODE_NAME: "spec.nodeName",
    POD_NAME: "metadata.name",
    POD_NAMESPACE: "metadata.namespace",
    POD_IP: "status.podIP",
};

/** The names of the pod identity variables. */
export const POD_IDENTITY_VARIABLES: readonly string[] = Object.keys(POD_IDENTITY);

/**
 * Variable `name` from the pod's field `fieldPath`. With `apiVersion` written out, as the API server would default
 * it: a fieldRef is an atomic struct to Server-Side Apply, so another field manager's apply of the same reference
 * without it differs from the live value and conflicts. That is what a `pulumi up` adopting the workloads a killed run
 * created met (each create has a field manager of its own): every such variable conflicted.
 */
export function podFieldEnv(name: string, fieldPath: string): k8s.types.input.core.v1.EnvVar {
    return { name, valueFrom: { fieldRef: { apiVersion: "v1", fieldPath } } };
}

/** The pod identity variables, each from its pod field. */
export function podIdentityEnv(): k8s.types.input.core.v1.EnvVar[] {
    return Object.entries(POD_IDENTITY).map(([name, fieldPath]) => podFieldEnv(name, fieldPath));
}

/**
 * Upstream's liveness and startup probes for its HTTP servers: the startup probe allows five failed checks (every
 * `startupPeriodSeconds`) while the server starts, then a single failed liveness check restarts the container.
 */
export function httpProbes(
    path: string,
    port: number,
    startupPeriodSeconds = 10,
    scheme: "HTTP" | "HTTPS" = "HTTP",
): Pick<Container, "livenessProbe" | "startupProbe"> {
    const httpGet = { path, port, ...(scheme === "HTTPS" ? { scheme } : {}) };
    return {
        livenessProbe: { httpGet, failureThreshold: 1, periodSeconds: 10 },
        startupProbe: { httpGet, failureThreshold: 5, periodSeconds: startupPeriodSeconds },
    };
}

/** A pod spec whose container lists are plain arrays, so each container can be hardened. */
export type PlainPodSpec = Omit<PodSpec, "containers" | "initContainers"> & { containers: Container[]; initContainers?: Container[] };

/** What a pod needs beyond its containers. */
export interface PodOptions {
    /** The pod calls the Kubernetes API (only pyos does): mount its service account token. */
    usesKubernetesApi?: boolean;
}

/**
 * A pod spec hardened as far as the upstream images allow: seccomp `RuntimeDefault`, no privilege escalation,
 * no service account token unless the pod calls the API, and the registry pull secret when configured.
 * Not set, because the images cannot run with it: `runAsNonRoot` (oc.nginx, oc.pyos and oc.mongo start as
 * root: nginx binds port 80 and its entrypoint moves key files, mongo's entrypoint chowns /data/db before
 * dropping to the mongodb user), `readOnlyRootFilesystem` (all of them write pid, log or cache files into the
 * image) and dropping all capabilities (binding port 80 and chown need NET_BIND_SERVICE and CHOWN).
 */
export function podSpec(context: DeploymentContext, spec: PlainPodSpec, options: PodOptions = {}): PodSpec {
    const harden = (container: Container): Container => ({
        ...container,
        securityContext: { ...(container.securityContext as object), allowPrivilegeEscalation: false },
    });
    return {
        ...spec,
        automountServiceAccountToken: options.usesKubernetesApi ?? false,
        securityContext: { ...(spec.securityContext as object), seccompProfile: { type: "RuntimeDefault" } },
        containers: spec.containers.map(harden),
        ...(spec.initContainers ? { initContainers: spec.initContainers.map(harden) } : {}),
        ...(context.imagePullSecrets ? { imagePullSecrets: context.imagePullSecrets } : {}),
    };
}
