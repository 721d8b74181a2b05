// Kubernetes NetworkPolicy semantics over rendered objects: which pod may open a connection to which pod and port.
// A pod is isolated for a direction when some policy of its namespace selects it with that policy type; an isolated
// pod accepts (or opens) only what some such policy's rules allow; a connection needs both ends to allow it.
import type { KubernetesManifest } from "../../components/render/manifests";

/** A pod as NetworkPolicies see it. */
export interface PolicyPod {
    name: string;
    namespace: string;
    labels: Record<string, string>;
    /** Labels of its namespace (`kubernetes.io/metadata.name` is always there). */
    namespaceLabels?: Record<string, string>;
}

interface LabelSelector {
    matchLabels?: Record<string, string>;
    matchExpressions?: unknown[];
}

interface Peer {
    podSelector?: LabelSelector;
    namespaceSelector?: LabelSelector;
    ipBlock?: unknown;
}

interface Rule {
    from?: Peer[];
    to?: Peer[];
    ports?: { protocol?: string; port?: number | string }[];
}

interface PolicySpec {
    podSelector: LabelSelector;
    policyTypes?: string[];
    ingress?: Rule[];
    egress?: Rule[];
}

function selects(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
    if (selector?.matchExpressions?.length) throw new Error("matchExpressions are not modelled here");
    return Object.entries(selector?.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
}

function peerMatches(peer: Peer, policyNamespace: string, pod: PolicyPod): boolean {
    if (peer.ipBlock) return false; // pods of the cluster are reached by selectors in this package
    const namespaceLabels = { "kubernetes.io/metadata.name": pod.namespace, ...pod.namespaceLabels };
    const inNamespace = peer.namespaceSelector ? selects(peer.namespaceSelector, namespaceLabels) : pod.namespace === policyNamespace;
    return inNamespace && selects(peer.podSelector, pod.labels);
}

function portMatches(rule: Rule, port: number, protocol: string): boolean {
    return (
        !rule.ports ||
        rule.ports.length === 0 ||
        rule.ports.some((p) => (p.protocol ?? "TCP") === protocol && (p.port === undefined || Number(p.port) === port))
    );
}

/** Whether the policies let `client` open a connection to `server` on `port`. */
export function allowed(policies: KubernetesManifest[], client: PolicyPod, server: PolicyPod, port: number, protocol = "TCP"): boolean {
    const direction = (pod: PolicyPod, type: "Ingress" | "Egress", other: PolicyPod) => {
        const selecting = policies.filter(
            (p) => p.metadata.namespace === pod.namespace && selects((p.spec as PolicySpec).podSelector, pod.labels),
        );
        const isolating = selecting.filter((p) => ((p.spec as PolicySpec).policyTypes ?? ["Ingress"]).includes(type));
        if (isolating.length === 0) return true;
        return isolating.some((p) => {
            const spec = p.spec as PolicySpec;
            const rules = (type === "Ingress" ? spec.ingress : spec.egress) ?? [];
            return rules.some((rule) => {
                const peers = type === "Ingress" ? rule.from : rule.to;
                return (
                    (!peers || peers.length === 0 || peers.some((peer) => peerMatches(peer, pod.namespace, other))) &&
                    portMatches(rule, port, protocol)
                );
            });
        });
    };
    return direction(server, "Ingress", client) && direction(client, "Egress", server);
}

/** The pods of every workload's template, named after their workload. */
export function workloadPods(manifests: KubernetesManifest[]): PolicyPod[] {
    return manifests
        .filter((m) => ["Deployment", "DaemonSet", "StatefulSet"].includes(m.kind))
        .map((m) => ({
            name: m.metadata.name,
            namespace: m.metadata.namespace ?? "default",
            labels: (m.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels,
        }));
}
