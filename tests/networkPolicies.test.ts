// Who may reach whom, computed from the rendered NetworkPolicies and pod labels with Kubernetes' semantics: every
// connection the platform needs is allowed, and every other connection to a component is refused.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { KubernetesManifest } from "../components/render/manifests";
import { allowed, PolicyPod, workloadPods } from "./support/networkPolicyModel";
import { deployPlatform } from "./support/platform";

const NS = "abcdesktop";

/** Servers and the port each listens on. */
const SERVERS: [server: string, port: number, protocol?: string][] = [
    ["nginx", 80],
    ["pyos", 8000],
    ["mongodb", 27017],
    ["memcached", 11211],
    ["speedtest", 80],
    ["openldap", 10389],
    ["openldap", 10636],
    ["desktop", 6081],
    ["dns", 53, "UDP"],
    ["dns", 53, "TCP"],
];

/**
 * The connections the platform needs, and those upstream 1.x leaves open (the front door from anywhere; user
 * desktops, which pyos creates without any policy; the egress of nginx, pyos and desktops), as `client -> server:port`.
 */
const NEEDED = [
    ...["nginx", "pyos", "desktop", "intruder", "outsider"].map((client) => `${client} -> nginx:80`),
    "nginx -> pyos:8000",
    "desktop -> pyos:8000",
    "pyos -> mongodb:27017",
    "nginx -> memcached:11211",
    "pyos -> memcached:11211",
    "nginx -> speedtest:80",
    "pyos -> openldap:10389",
    "pyos -> openldap:10636",
    ...["nginx", "pyos", "desktop", "intruder", "outsider"].map((client) => `${client} -> desktop:6081`),
    ...["nginx", "pyos", "mongodb", "memcached", "speedtest", "openldap", "desktop", "intruder", "outsider"].flatMap((client) => [
        `${client} -> dns:53/UDP`,
        `${client} -> dns:53/TCP`,
    ]),
].sort();

describe("network isolation between the platform's pods", () => {
    let manifests: KubernetesManifest[];
    let pods: Record<string, PolicyPod>;
    before(async () => {
        manifests = (await deployPlatform({ openldap: { enabled: true }, imagePrePull: { enabled: true } })).manifests;
        const workloads = workloadPods(manifests);
        const byName = (name: string) => workloads.find((pod) => pod.name === name)!;
        pods = {
            nginx: byName("daemonset-nginx"),
            pyos: byName("daemonset-pyos"),
            mongodb: byName("mongodb-od"),
            memcached: byName("memcached-od"),
            speedtest: byName("speedtest-od"),
            openldap: byName("openldap-od"),
            // The pods pyos starts for users (upstream's `type: x11server`), another pod of the namespace, a pod of
            // another namespace, and the cluster's DNS.
            desktop: { name: "user-desktop", namespace: NS, labels: { type: "x11server" } },
            intruder: { name: "intruder", namespace: NS, labels: { run: "intruder" } },
            outsider: { name: "outsider", namespace: "elsewhere", labels: { app: "outsider" } },
            dns: { name: "coredns", namespace: "kube-system", labels: { "k8s-app": "kube-dns" } },
        };
    });

    const matrix = (policies: KubernetesManifest[]) => {
        const open: string[] = [];
        for (const client of Object.keys(pods).filter((name) => name !== "dns")) {
            for (const [server, port, protocol] of SERVERS) {
                if (allowed(policies, pods[client], pods[server], port, protocol)) {
                    open.push(`${client} -> ${server}:${port}${protocol ? `/${protocol}` : ""}`);
                }
            }
        }
        return open.sort();
    };

    it("allows every connection the platform needs and refuses every other one to a component", () => {
        assert.deepEqual(matrix(manifests.filter((m) => m.kind === "NetworkPolicy")), NEEDED);
    });

    it("gives every component but user desktops a policy: a new pod without one would be reachable by anyone", () => {
        const policies = manifests.filter((m) => m.kind === "NetworkPolicy");
        const unguarded = workloadPods(manifests)
            .filter((pod) => pod.name !== "daemonset-image-prepull")
            .filter(
                (pod) =>
                    !policies.some((p) =>
                        Object.entries((p.spec as { podSelector: { matchLabels: Record<string, string> } }).podSelector.matchLabels).every(
                            ([k, v]) => pod.labels[k] === v,
                        ),
                    ),
            );
        assert.deepEqual(
            unguarded.map((pod) => pod.name),
            [],
        );
    });

    it("isolates nothing when network policies are off", async () => {
        const off = (await deployPlatform({ openldap: { enabled: true }, networkPolicies: false })).manifests;
        assert.equal(off.filter((m) => m.kind === "NetworkPolicy").length, 0);
        assert.equal(matrix([]).length, (Object.keys(pods).length - 1) * SERVERS.length);
    });
});
