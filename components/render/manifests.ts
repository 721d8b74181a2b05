import { stringify } from "yaml";
import { isSecretWrapper, RegisteredResource } from "../testing/mocks";

/** Placeholder of every secret value in a redacted render. */
export const REDACTED = "<redacted: secret>";

/** A Kubernetes object as `kubectl apply` would take it. */
export interface KubernetesManifest {
    apiVersion: string;
    kind: string;
    metadata: { name: string; namespace?: string; [key: string]: unknown };
    [key: string]: unknown;
}

// Creation order, as Helm and kubectl order kinds: what others refer to comes first.
const KIND_ORDER = [
    "Namespace",
    "ServiceAccount",
    "Secret",
    "ConfigMap",
    "StorageClass",
    "PersistentVolume",
    "PersistentVolumeClaim",
    "ClusterRole",
    "ClusterRoleBinding",
    "Role",
    "RoleBinding",
    "NetworkPolicy",
    "Endpoints",
    "Service",
    "DaemonSet",
    "Deployment",
    "StatefulSet",
    // What stands in front of the front door, once it exists.
    "Certificate",
    "Ingress",
    "Gateway",
    "HTTPRoute",
];

function kindRank(kind: string): number {
    const rank = KIND_ORDER.indexOf(kind);
    return rank === -1 ? KIND_ORDER.length : rank;
}

/** Copies a value, replacing each secret by what it holds, or by {@link REDACTED} leaf by leaf. */
function revealOrRedact(value: unknown, showSecrets: boolean, insideSecret = false): unknown {
    if (isSecretWrapper(value)) {
        return revealOrRedact(value.value, showSecrets, true);
    }
    if (Array.isArray(value)) {
        return value.map((item) => revealOrRedact(item, showSecrets, insideSecret));
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(
            Object.entries(value)
                .filter(([, v]) => v !== undefined)
                .map(([k, v]) => [k, revealOrRedact(v, showSecrets, insideSecret)]),
        );
    }
    return insideSecret && !showSecrets ? REDACTED : value;
}

/** Whether a registered resource is a Kubernetes object (not a provider, component or other package's resource). */
export function isKubernetesObject(resource: RegisteredResource): boolean {
    return resource.type.startsWith("kubernetes:") && !resource.type.startsWith("pulumi:providers:");
}

/** Creation order: by kind as Helm and kubectl order them, then namespace and name. */
export function compareManifests(a: KubernetesManifest, b: KubernetesManifest): number {
    return (
        kindRank(a.kind) - kindRank(b.kind) ||
        a.kind.localeCompare(b.kind) ||
        (a.metadata.namespace ?? "").localeCompare(b.metadata.namespace ?? "") ||
        a.metadata.name.localeCompare(b.metadata.name)
    );
}

/** The Kubernetes objects among the registered resources, in creation order, secrets redacted unless asked. */
export function kubernetesManifests(resources: RegisteredResource[], showSecrets: boolean): KubernetesManifest[] {
    return resources
        .filter(isKubernetesObject)
        .map((resource) => revealOrRedact(resource.inputs, showSecrets) as KubernetesManifest)
        .sort(compareManifests);
}

/** One multi-document YAML stream. */
export function toYamlStream(manifests: KubernetesManifest[]): string {
    return manifests.map((manifest) => `---\n${stringify(manifest, { lineWidth: 0 })}`).join("");
}
