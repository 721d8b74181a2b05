import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { DeploymentContext, namespacedMetadata } from "./context";
import { MEMCACHED_PORT } from "./workloads/memcached";
import { MONGODB_PORT } from "./workloads/mongodb";
import { NGINX_HTTP_PORT } from "./workloads/nginx";
import { OPENLDAP_PORTS } from "./workloads/openldap";
import { PYOS_PORT } from "./workloads/pyos";

type PeerSelector = Record<string, string>;

/** Who may reach one component: its pods, the pods allowed in (by label; none means anyone) and on which ports. */
interface IngressRule {
    policyName: string;
    pods: PeerSelector;
    from?: PeerSelector[];
    ports: number[];
    /** The component starts no connection itself: egress is limited to DNS. */
    onlyDnsEgress: boolean;
}

// Cluster DNS, wherever the cluster runs it: any namespace, pods labelled as CoreDNS and kube-dns both are.
const DNS_EGRESS: k8s.types.input.networking.v1.NetworkPolicyEgressRule = {
    to: [{ namespaceSelector: {}, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
    ports: [
        { protocol: "UDP", port: 53 },
        { protocol: "TCP", port: 53 },
    ],
};

/**
 * Who may talk to whom, in upstream's `netpol/<target>: "true"` label scheme: a pod carrying that label may
 * reach <target>. nginx takes traffic from anywhere (it is the entry point); user desktop pods and the egress of
 * nginx and pyos (API server, LDAP, user pods, anything a desktop reaches) are left open, since upstream 1.x
 * documents no narrower set.
 */
export function ingressRules(context: DeploymentContext): IngressRule[] {
    const rules: IngressRule[] = [
        { policyName: "nginx-od-permits", pods: { run: "nginx-od" }, ports: [NGINX_HTTP_PORT], onlyDnsEgress: false },
        {
            policyName: "pyos-od-permits",
            pods: { run: "pyos-od" },
            from: [{ "netpol/pyos": "true" }, { type: "x11server" }],
            ports: [PYOS_PORT],
            onlyDnsEgress: false,
        },
        {
            policyName: "mongodb-od-permits",
            pods: { run: "mongodb-od" },
            from: [{ "netpol/mongodb": "true" }],
            ports: [MONGODB_PORT],
            onlyDnsEgress: true,
        },
        {
            policyName: "memcached-od-permits",
            pods: { run: "memcached-od" },
            from: [{ "netpol/memcached": "true" }],
            ports: [MEMCACHED_PORT],
            onlyDnsEgress: true,
        },
        {
            policyName: "speedtest-od-permits",
            pods: { run: "speedtest-od" },
            from: [{ "netpol/speedtest": "true" }],
            ports: [80],
            onlyDnsEgress: true,
        },
    ];
    if (context.settings.openldapDemo) {
        // pyos carries no netpol label for a directory inside the namespace; it is selected by its own label.
        rules.push({
            policyName: "openldap-od-permits",
            pods: { run: "openldap-od" },
            from: [{ run: "pyos-od" }],
            ports: [OPENLDAP_PORTS.ldap, OPENLDAP_PORTS.ldaps],
            onlyDnsEgress: true,
        });
    }
    return rules;
}

/** One NetworkPolicy per component, named `<component>-permits`. */
export class NetworkPolicies extends pulumi.ComponentResource {
    public readonly policies: k8s.networking.v1.NetworkPolicy[];

    constructor(name: string, context: DeploymentContext, opts?: pulumi.ComponentResourceOptions) {
        super("abcdesktop:index:NetworkPolicies", name, {}, opts);
        this.policies = ingressRules(context).map(
            (rule) =>
                new k8s.networking.v1.NetworkPolicy(
                    `${name}-${rule.policyName}`,
                    {
                        metadata: namespacedMetadata(context, rule.policyName),
                        spec: {
                            podSelector: { matchLabels: rule.pods },
                            policyTypes: rule.onlyDnsEgress ? ["Ingress", "Egress"] : ["Ingress"],
                            ingress: [
                                {
                                    ...(rule.from ? { from: rule.from.map((labels) => ({ podSelector: { matchLabels: labels } })) } : {}),
                                    ports: rule.ports.map((port) => ({ protocol: "TCP", port })),
                                },
                            ],
                            ...(rule.onlyDnsEgress ? { egress: [DNS_EGRESS] } : {}),
                        },
                    },
                    { parent: this },
                ),
        );
        this.registerOutputs({});
    }
}
