import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { movedFromComponent } from "./aliases";
import { ComponentScope } from "./context";

/** Pod labels that pick the peers of a rule. */
export type PeerSelector = Record<string, string>;

/** Pods of any namespace: those of the namespaces labelled `namespaceLabels` (`{}`: every one), with `podLabels` when given. */
export interface NamespacedPeer {
    namespaceLabels: PeerSelector;
    podLabels?: PeerSelector;
}

/** Who may reach one component: its pods, the pods allowed in (by label; none means anyone) and on which ports. */
export interface IngressRule {
    /** Name of the NetworkPolicy, `<component>-permits`. */
    policyName: string;
    /** The component's pods. */
    pods: PeerSelector;
    /** Pods of the namespace allowed in, each selector on its own; absent, with `fromNamespaces`, means any source. */
    from?: PeerSelector[];
    /** Pods of other namespaces allowed in. */
    fromNamespaces?: NamespacedPeer[];
    ports: number[];
    /** The component's egress is limited: DNS, and the peers of `alsoEgressTo` when given. */
    onlyDnsEgress: boolean;
    /** With `onlyDnsEgress`: pods the component may reach besides DNS, each selector on its own, on these ports (MongoDB's members reach each other). */
    alsoEgressTo?: { pods: PeerSelector[]; ports: number[] };
}

// Cluster DNS, wherever the cluster runs it: any namespace, pods labelled as CoreDNS and kube-dns both are.
const DNS_EGRESS: k8s.types.input.networking.v1.NetworkPolicyEgressRule = {
    to: [{ namespaceSelector: {}, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
    ports: [
        { protocol: "UDP", port: 53 },
        { protocol: "TCP", port: 53 },
    ],
};

function peers(rule: IngressRule): k8s.types.input.networking.v1.NetworkPolicyPeer[] {
    return [
        ...(rule.from ?? []).map((labels) => ({ podSelector: { matchLabels: labels } })),
        ...(rule.fromNamespaces ?? []).map((peer) => ({
            namespaceSelector: { matchLabels: peer.namespaceLabels },
            ...(peer.podLabels ? { podSelector: { matchLabels: peer.podLabels } } : {}),
        })),
    ];
}

/**
 * The component's NetworkPolicy in upstream's `netpol/<target>: "true"` scheme (a pod carrying that label may
 * reach <target>), or nothing when the platform's `networkPolicies` setting is off.
 */
export function allowIngress(
    scope: ComponentScope,
    rule: IngressRule,
    opts: pulumi.CustomResourceOptions,
): k8s.networking.v1.NetworkPolicy | undefined {
    if (!scope.platform.networkPolicies) return undefined;
    if (rule.alsoEgressTo && !rule.onlyDnsEgress)
        throw new Error(`${rule.policyName}: alsoEgressTo limits egress, which needs onlyDnsEgress`);
    const peerEgress = rule.alsoEgressTo
        ? [
              {
                  to: rule.alsoEgressTo.pods.map((labels) => ({ podSelector: { matchLabels: labels } })),
                  ports: rule.alsoEgressTo.ports.map((port) => ({ protocol: "TCP", port })),
              },
          ]
        : [];
    return new k8s.networking.v1.NetworkPolicy(
        `${scope.context.instance}-${rule.policyName}`,
        {
            metadata: scope.metadata(rule.policyName),
            spec: {
                podSelector: { matchLabels: rule.pods },
                policyTypes: rule.onlyDnsEgress ? ["Ingress", "Egress"] : ["Ingress"],
                ingress: [
                    {
                        ...(rule.from || rule.fromNamespaces ? { from: peers(rule) } : {}),
                        ports: rule.ports.map((port) => ({ protocol: "TCP", port })),
                    },
                ],
                ...(rule.onlyDnsEgress ? { egress: [DNS_EGRESS, ...peerEgress] } : {}),
            },
        },
        // Until 0.2 every policy sat under one NetworkPolicies component.
        { ...opts, aliases: [...(opts.aliases ?? []), movedFromComponent(scope.context, "abcdesktop:index:NetworkPolicies")] },
    );
}
