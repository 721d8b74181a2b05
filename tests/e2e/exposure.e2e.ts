// `exposure.type` on a live stack, on a real Kubernetes API server with the Gateway API's and cert-manager's CRDs
// installed: the API server accepts the Gateway, HTTPRoute, Ingress and Certificate the package writes (the CRDs'
// own schemas and CEL rules check them), and each switch of type changes the front door only: its Service in place,
// the objects of the old type deleted, those of the new one created, and pyos rolled onto od.config's new public URL.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { CliProject, cliProject, copyRepository } from "./cliProject";
import { frontDoorCrdManifests } from "./frontDoorCrds";
import { KubernetesObject, LocalCluster, startLocalCluster } from "./localCluster";
import { ENGINE_BINARIES, missingBinaries, toolchainBin } from "./toolchain";

const STACK = "exposure";
const NAMESPACE = "abcdesktop-exposure";
const NODE_PORT = "30447";
const HOST = "desk.example.com";

/** What may change when the type does: the front door's objects, od.config (its public URL) and pyos's pods. */
const FRONT_DOOR = new Set<string>([
    "Service/nginx",
    "NetworkPolicy/nginx-od-permits",
    "ConfigMap/abcdesktop-config",
    "Ingress/ingress-abcdesktop",
    "HTTPRoute/httproute-abcdesktop",
    "Gateway/gateway-abcdesktop",
    "Certificate/abcdesktop-tls",
    "DaemonSet/daemonset-pyos",
]);

describe(
    "exposure.type switched on a live stack, on a real API server with the Gateway API and cert-manager CRDs",
    { timeout: 30 * 60 * 1000 },
    () => {
        let root: string;
        let cluster: LocalCluster;
        let project: CliProject;

        const up = async () => {
            try {
                await project.pulumi(["up", "--yes", "--stack", STACK]);
            } catch (error) {
                throw new Error(`${String(error)}\n${cluster.logTails()}`, { cause: error });
            }
        };
        const configSet = (path: string, value: string) => project.pulumi(["config", "set", "--stack", STACK, "--path", path, value]);
        const configRm = (path: string) => project.pulumi(["config", "rm", "--stack", STACK, "--path", path]);
        /** Every object of the namespace but pods and ReplicaSets, with its uid and spec generation. */
        const objects = () =>
            new Map<string, string>(
                cluster
                    .kubectlItems([
                        "get",
                        "services,configmaps,secrets,serviceaccounts,roles,rolebindings,networkpolicies,persistentvolumeclaims,daemonsets,deployments,statefulsets,ingresses,gateways,httproutes,certificates",
                        "-n",
                        NAMESPACE,
                    ])
                    .map(
                        (o: KubernetesObject) =>
                            [`${o.kind}/${o.metadata.name}`, `${o.metadata.uid} ${String(o.metadata.generation ?? "")}`] as const,
                    ),
            );
        /** What differs between two snapshots: created, deleted or changed objects. */
        const changed = (before: Map<string, string>, now: Map<string, string>) =>
            [...new Set([...before.keys(), ...now.keys()])].filter((key) => before.get(key) !== now.get(key)).sort();
        const frontDoorService = () =>
            cluster.kubectlObject<{ spec: { type: string; ports: { nodePort?: number }[] } }>(["get", "service", "nginx", "-n", NAMESPACE])
                .spec;

        before(async () => {
            assert.deepEqual(
                missingBinaries([...ENGINE_BINARIES, "pulumi-language-nodejs"]),
                [],
                `the toolchain is not built: run scripts/e2e-toolchain.sh (${toolchainBin()})`,
            );
            root = mkdtempSync(join(tmpdir(), "abcdesktop-exposure-e2e-"));
            cluster = await startLocalCluster(join(root, "cluster"));
            // Too large for the annotation a client-side apply keeps.
            for (const crd of frontDoorCrdManifests()) cluster.kubectl(["create", "-f", "-"], crd);
            cluster.kubectl(["wait", "--for=condition=Established", "crd", "--all", "--timeout=120s"]);
            cluster.provideDisk("e2e-exposure-disk");
            copyRepository(join(root, "project"));
            project = cliProject(join(root, "project"), join(root, "home"), cluster.kubeconfig);
            await project.pulumi(["login", "--local"]);
            await project.pulumi(["stack", "init", STACK]);
            await project.pulumi(["config", "set", "--stack", STACK, "namespace", NAMESPACE]);
            await project.pulumi(["config", "set", "--stack", STACK, "retainDataOnDestroy", "false"]);
            await configSet("exposure.nodePort", NODE_PORT);
        });

        after(async () => {
            await cluster?.stop();
            if (root) rmSync(root, { recursive: true, force: true });
        });

        it("deploys behind NodePort by default", async () => {
            await up();
            assert.deepEqual([frontDoorService().type, frontDoorService().ports[0]?.nodePort], ["NodePort", Number(NODE_PORT)]);
            assert.equal((await project.outputs(STACK))["url"], `http://localhost:${NODE_PORT}/`);
        });

        it("switches to a Gateway API HTTPRoute with TLS: the API server accepts the Gateway and the HTTPRoute, and only the front door changes", async () => {
            const before = objects();
            await configRm("exposure.nodePort");
            await configSet("exposure.type", "gateway");
            await configSet("exposure.hostname", HOST);
            await configSet("exposure.tls.secretName", "desk-tls");
            await up();
            const now = objects();
            assert.ok(now.has("Gateway/gateway-abcdesktop") && now.has("HTTPRoute/httproute-abcdesktop"), [...now.keys()].join(", "));
            const route = cluster.kubectlObject<{
                spec: { hostnames: string[]; rules: { backendRefs: { name: string; port: number }[] }[] };
            }>(["get", "httproute", "httproute-abcdesktop", "-n", NAMESPACE]);
            assert.deepEqual(route.spec.hostnames, [HOST]);
            assert.deepEqual(
                route.spec.rules[0].backendRefs.map(({ name, port }) => ({ name, port })),
                [{ name: "nginx", port: 80 }],
            );
            assert.equal(frontDoorService().type, "ClusterIP");
            assert.equal((await project.outputs(STACK))["url"], `https://${HOST}/`);
            const outside = changed(before, now).filter((key) => !FRONT_DOOR.has(key));
            assert.deepEqual(outside, [], "only the front door changed");
            assert.equal(
                before.get("Service/nginx")?.split(" ")[0],
                now.get("Service/nginx")?.split(" ")[0],
                "Service nginx updated in place",
            );
        });

        it("switches to an Ingress with a cert-manager Certificate: the Gateway API objects go, the Ingress and Certificate come", async () => {
            const before = objects();
            await configRm("exposure.tls.secretName");
            await configSet("exposure.type", "ingress");
            await configSet("exposure.tls.issuer", "letsencrypt");
            await configSet("exposure.tls.issuerKind", "ClusterIssuer");
            await up();
            const now = objects();
            assert.ok(!now.has("Gateway/gateway-abcdesktop") && !now.has("HTTPRoute/httproute-abcdesktop"));
            const ingress = cluster.kubectlObject<{ spec: { tls: { hosts: string[]; secretName: string }[] } }>([
                "get",
                "ingress",
                "ingress-abcdesktop",
                "-n",
                NAMESPACE,
            ]);
            assert.deepEqual(ingress.spec.tls, [{ hosts: [HOST], secretName: "abcdesktop-tls" }]);
            const certificate = cluster.kubectlObject<{ spec: { dnsNames: string[]; issuerRef: { kind: string; name: string } } }>([
                "get",
                "certificate",
                "abcdesktop-tls",
                "-n",
                NAMESPACE,
            ]);
            assert.deepEqual(certificate.spec.dnsNames, [HOST]);
            assert.deepEqual([certificate.spec.issuerRef.kind, certificate.spec.issuerRef.name], ["ClusterIssuer", "letsencrypt"]);
            assert.deepEqual(
                changed(before, now).filter((key) => !FRONT_DOOR.has(key)),
                [],
                "only the front door changed",
            );
        });

        it("comes back to NodePort: nothing of the ingress stays, and the port is served again", async () => {
            for (const path of ["exposure.type", "exposure.hostname", "exposure.tls"]) await configRm(path);
            await configSet("exposure.nodePort", NODE_PORT);
            await up();
            const now = objects();
            for (const key of ["Ingress/ingress-abcdesktop", "Certificate/abcdesktop-tls", "Gateway/gateway-abcdesktop"])
                assert.ok(!now.has(key), key);
            assert.deepEqual([frontDoorService().type, frontDoorService().ports[0]?.nodePort], ["NodePort", Number(NODE_PORT)]);
            await project.pulumi(["preview", "--stack", STACK, "--expect-no-changes"]);
            await project.pulumi(["destroy", "--yes", "--stack", STACK]);
        });
    },
);
