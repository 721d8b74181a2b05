// The user's path on a real Kubernetes API server: the `pulumi` command line in a copy of the project folder runs
// README's commands, as written (with --yes), against the local cluster of tests/e2e/localCluster.ts. With the
// controller manager, the scheduler and kwok's fake node, every workload becomes ready, so Pulumi's await logic runs as
// it does on a user's cluster. kubectl checks what arrived, and `pulumi destroy` is held to leaving exactly the data
// it promises to keep, and nothing else.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { JWT_SECRETS } from "../../components/jwtKeys/jwtKeys";
import { CliProject, cliProject, copyRepository, stateObjects } from "./cliProject";
import { everything as clusterEverything, listableKinds as clusterListableKinds, writtenByPulumi } from "./clusterObjects";
import { assertJwtKeySecrets, secretValues } from "./jwtKeySecrets";
import { FAKE_NODE, KubernetesObject, LocalCluster, startLocalCluster, waitFor } from "./localCluster";
import { nonInteractive, readmeCommands, readmeScript } from "./readmeCommands";
import { ENGINE_BINARIES, missingBinaries, toolchainBin } from "./toolchain";

/** kubectl's arguments for MongoDB's data claim in dev's namespace. */
const DATA_CLAIM = ["get", "pvc", "data-mongodb-od-0", "-n", "abcdesktop"];

interface WorkloadStatus {
    kind: string;
    metadata: { name: string };
    spec: { replicas?: number };
    status: { readyReplicas?: number; numberReady?: number; desiredNumberScheduled?: number };
}

describe("abcdesktop applied to a real Kubernetes API server through the pulumi command line", { timeout: 45 * 60 * 1000 }, () => {
    let root: string;
    let cluster: LocalCluster;
    let project: CliProject;
    let listableKinds: string[];
    /** Every object before the first `pulumi up`. */
    let atStart: Map<string, KubernetesObject>;
    /** The UID of MongoDB's data claim that dev's destroy kept. */
    let keptClaimUid: string;

    const everything = () => clusterEverything(cluster, listableKinds);
    /** Objects present now that were not there before any stack came up. */
    const addedSinceStart = () => [...everything().keys()].filter((key) => !atStart.has(key)).sort();
    const withLogs = (message: string) => `${message}\n${cluster.logTails()}`;
    /** A Secret of dev's namespace, as text, read from the cluster. */
    const liveSecret = (name: string, namespace = "abcdesktop") =>
        secretValues(cluster.kubectlObject(["get", "secret", name, "-n", namespace]));
    const up = async (stack: string, extra: string[] = []) => {
        try {
            return await project.pulumi(["up", "--yes", "--stack", stack, ...extra]);
        } catch (error) {
            throw new Error(withLogs(String(error)), { cause: error });
        }
    };
    const workloadsReady = (namespace: string) => {
        for (const workload of cluster.kubectlItems<WorkloadStatus>(["get", "deployments,daemonsets,statefulsets", "-n", namespace])) {
            const { status } = workload;
            const ready =
                workload.kind === "DaemonSet"
                    ? status.numberReady === 1 && status.desiredNumberScheduled === 1
                    : status.readyReplicas === (workload.spec.replicas ?? 1);
            assert.ok(ready, `${namespace} ${workload.kind}/${workload.metadata.name} is ready: ${JSON.stringify(status)}`);
        }
    };

    before(async () => {
        assert.deepEqual(
            missingBinaries([...ENGINE_BINARIES, "pulumi-language-nodejs"]),
            [],
            `the toolchain is not built: run scripts/e2e-toolchain.sh (${toolchainBin()})`,
        );
        root = mkdtempSync(join(tmpdir(), "abcdesktop-cli-e2e-"));
        cluster = await startLocalCluster(join(root, "cluster"));
        for (const [disk, size] of [
            ["e2e-disk-1", "10Gi"],
            ["e2e-disk-2", "10Gi"],
            ["e2e-disk-3", "30Gi"],
        ]) {
            cluster.provideDisk(disk, size);
        }
        listableKinds = clusterListableKinds(cluster);
        atStart = everything();
        copyRepository(join(root, "project"));
        project = cliProject(join(root, "project"), join(root, "home"), cluster.kubeconfig);
    });

    after(async () => {
        await cluster?.stop();
        if (root) rmSync(root, { recursive: true, force: true });
    });

    it("deploys the dev stack with README's commands, as written, and every workload is ready when `pulumi up` returns", async () => {
        const commands = readmeCommands("deploy-commands");
        assert.ok(
            commands.some((c) => c.startsWith("pulumi up")) && commands.some((c) => c.startsWith("pulumi login")),
            commands.join("\n"),
        );
        let last = "";
        for (const command of commands) {
            try {
                last = (await project.shell(nonInteractive(command))).stdout;
            } catch (error) {
                throw new Error(withLogs(`README's \`${command}\` failed: ${String(error)}`), { cause: error });
            }
        }
        assert.equal(last.trim(), "http://192.168.1.20:30443/", "`pulumi stack output url` prints the URL README shows");
        const workloads = cluster.kubectlItems<WorkloadStatus>(["get", "deployments,daemonsets,statefulsets", "-n", "abcdesktop"]);
        assert.deepEqual(workloads.map((w) => `${w.kind}/${w.metadata.name}`).sort(), [
            "DaemonSet/daemonset-image-prepull",
            "DaemonSet/daemonset-nginx",
            "DaemonSet/daemonset-pyos",
            "Deployment/memcached-od",
            "Deployment/openldap-od",
            "Deployment/speedtest-od",
            "StatefulSet/mongodb-od",
        ]);
        workloadsReady("abcdesktop");
        const pods = cluster.kubectlItems<{ metadata: { name: string }; spec: { nodeName?: string }; status: { phase: string } }>([
            "get",
            "pods",
            "-n",
            "abcdesktop",
        ]);
        assert.equal(pods.length, 7, "one pod per workload on the single node");
        for (const pod of pods) {
            assert.equal(pod.spec.nodeName, FAKE_NODE, pod.metadata.name);
            assert.equal(pod.status.phase, "Running", pod.metadata.name);
        }
    });

    it("has in the cluster exactly the objects the engine has in the stack's state", async () => {
        const inState = stateObjects(await project.state("dev"));
        assert.ok(inState.length > 30, `${inState.length} objects in the state`);
        const now = everything();
        assert.deepEqual(
            inState.filter((key) => !now.has(key)),
            [],
            "objects in the state but not in the cluster",
        );
        assert.deepEqual(writtenByPulumi(now), inState, "objects Pulumi wrote are the ones in the state");
    });

    it("serves the platform on NodePort 30443 with the JWT keys nginx and pyos can read, none of them in clear in the state", async () => {
        const nginx = cluster.kubectlObject<{ spec: { type: string; ports: { nodePort?: number }[] } }>([
            "get",
            "service",
            "nginx",
            "-n",
            "abcdesktop",
        ]);
        assert.equal(nginx.spec.type, "NodePort");
        assert.deepEqual(nginx.spec.ports.map((p) => p.nodePort).filter(Boolean), [30443]);
        assertJwtKeySecrets((name) => liveSecret(name));
        const exported = (await project.pulumi(["stack", "export", "--stack", "dev"])).stdout;
        const secrets = [
            ...Object.values(JWT_SECRETS).flatMap((spec) => Object.values(liveSecret(spec.secretName))),
            ...Object.values(liveSecret("mongodb-secret")).filter((value) => value.length >= 16),
        ];
        for (const value of secrets) {
            const firstLine = value.split("\n").find((line) => line.length > 20 && !line.startsWith("-----")) ?? value;
            assert.ok(!exported.includes(firstLine), "a key or password is in clear text in `pulumi stack export`");
        }
    });

    it("lets pyos's ServiceAccount do what pyos does, in its namespace only, as the API server's RBAC decides", () => {
        const pyos = "system:serviceaccount:abcdesktop:pyos-serviceaccount";
        const can = (verb: string, resource: string, namespace?: string) => {
            try {
                return (
                    cluster.kubectl(["auth", "can-i", verb, resource, `--as=${pyos}`, ...(namespace ? ["-n", namespace] : [])]).trim() ===
                    "yes"
                );
            } catch {
                return false; // kubectl answers "no" with exit code 1
            }
        };
        const granted = [
            ["create", "pods", "abcdesktop"],
            ["delete", "pods", "abcdesktop"],
            ["watch", "pods", "abcdesktop"],
            ["create", "pods/exec", "abcdesktop"],
            ["get", "pods/log", "abcdesktop"],
            ["list", "events", "abcdesktop"],
            ["create", "secrets", "abcdesktop"],
            ["delete", "secrets", "abcdesktop"],
            ["list", "nodes", undefined],
        ] as const;
        const refused = [
            ["create", "pods", "default"],
            ["get", "secrets", "kube-system"],
            ["create", "pods/exec", "kube-system"],
            ["delete", "nodes", undefined],
            ["create", "deployments", "abcdesktop"],
            ["create", "rolebindings", "abcdesktop"],
            ["delete", "namespaces", undefined],
        ] as const;
        assert.deepEqual(
            granted.filter(([verb, resource, namespace]) => !can(verb, resource, namespace)),
            [],
            "pyos needs these",
        );
        assert.deepEqual(
            refused.filter(([verb, resource, namespace]) => can(verb, resource, namespace)),
            [],
            "pyos must not have these",
        );
    });

    it("finds no drift on `pulumi refresh`, and `pulumi preview --expect-no-changes` passes", async () => {
        await project.pulumi(["refresh", "--yes", "--expect-no-changes", "--stack", "dev"]);
        await project.pulumi(["preview", "--expect-no-changes", "--stack", "dev"]);
    });

    it("moves the NodePort in place: one update of Service nginx, and the cluster serves the new port", async () => {
        await project.pulumi(["config", "set", "--stack", "dev", "--path", "exposure.nodePort", "30500"]);
        assert.deepEqual(await project.changes("dev"), ["update kubernetes:core/v1:Service abcdesktop-nginx"]);
        await up("dev");
        const port = cluster.kubectl(["get", "service", "nginx", "-n", "abcdesktop", "-o", "jsonpath={.spec.ports[*].nodePort}"]);
        assert.equal(port.trim(), "30500");
    });

    it("refuses bad settings on a live stack before touching anything, naming every bad setting", async () => {
        const ours = new Set(stateObjects(await project.state("dev")));
        // Same object (uid) with the same spec (generation; objects without one: any write bumps resourceVersion).
        const version = (o: KubernetesObject) => `${o.metadata.uid} ${o.metadata.generation ?? o.metadata.resourceVersion}`;
        const liveVersions = () => new Map([...everything()].filter(([key]) => ours.has(key)).map(([key, o]) => [key, version(o)]));
        const versionsBefore = liveVersions();
        const stateBefore = stateObjects(await project.state("dev"));
        await project.pulumi(["config", "set", "--stack", "dev", "--path", "exposure.nodePort", "80"]);
        await project.pulumi(["config", "set", "--stack", "dev", "--path", "jwtKeys.size", "1024"]);
        const refused = await project.pulumi(["up", "--yes", "--stack", "dev"], { allowFailure: true });
        assert.notEqual(refused.code, 0);
        const output = refused.stdout + refused.stderr;
        assert.match(output, /exposure.nodePort: 80 is not allowed; allowed: an integer from 30000 to 32767/);
        assert.match(output, /jwtKeys.size: 1024 is not allowed \(keys below 2048 bits are refused\); allowed: 2048, 3072, 4096/);
        await project.pulumi(["config", "set", "--stack", "dev", "--path", "exposure.nodePort", "30500"]);
        await project.pulumi(["config", "rm", "--stack", "dev", "--path", "jwtKeys.size"]);
        assert.deepEqual(stateObjects(await project.state("dev")), stateBefore, "the stack's state lost nothing");
        assert.deepEqual(liveVersions(), versionsBefore, "no object in the cluster was changed or deleted");
    });

    it("rotates the JWT keys: new keys in the same Secrets, nginx and pyos rolled onto them, no other pod touched", async () => {
        interface Pod {
            metadata: { name: string; uid: string; ownerReferences?: { name: string }[] };
            status: { phase: string };
        }
        const podsByOwner = () =>
            new Map(
                cluster
                    .kubectlItems<Pod>(["get", "pods", "-n", "abcdesktop"])
                    .map((pod) => [pod.metadata.ownerReferences?.[0]?.name ?? pod.metadata.name, pod] as const),
            );
        const signingKey = () => liveSecret("abcdesktopjwtdesktopsigning")[JWT_SECRETS.desktopSigning.privateKeyFile];
        const workloadUids = () =>
            cluster
                .kubectlItems(["get", "daemonsets,deployments,statefulsets", "-n", "abcdesktop"])
                .map((o) => `${o.kind}/${o.metadata.name} ${o.metadata.uid}`)
                .sort();
        const workloadsBefore = workloadUids();
        const podsBefore = podsByOwner();
        const keyBefore = signingKey();
        await project.pulumi(["config", "set", "--stack", "dev", "--path", "jwtKeys.rotation", "1"]);
        await up("dev");
        assert.notEqual(signingKey(), keyBefore);
        assertJwtKeySecrets((name) => liveSecret(name));
        const podsAfter = podsByOwner();
        assert.deepEqual([...podsAfter.keys()].sort(), [...podsBefore.keys()].sort());
        const rolled = [...podsAfter]
            .filter(([owner, pod]) => podsBefore.get(owner)?.metadata.uid !== pod.metadata.uid)
            .map(([owner]) => owner);
        assert.deepEqual(rolled.sort(), ["daemonset-nginx", "daemonset-pyos"]);
        // Rolled by an update in place, one pod at a time: a replaced DaemonSet takes every pod down at once.
        assert.deepEqual(workloadUids(), workloadsBefore, "every DaemonSet, Deployment and StatefulSet is the same object");
        for (const [owner, pod] of podsAfter) assert.equal(pod.status.phase, "Running", owner);
    });

    /** Every object while only dev is up. */
    let withDevOnly: Map<string, KubernetesObject>;

    it("promotes a setting from dev to prod with README's commands, prod sharing no object with dev", async () => {
        withDevOnly = everything();
        const devObjects = new Set(stateObjects(await project.state("dev")));
        for (const command of readmeCommands("promotion-commands")) {
            try {
                await project.shell(nonInteractive(command));
            } catch (error) {
                throw new Error(withLogs(`README's \`${command}\` failed: ${String(error)}`), { cause: error });
            }
        }
        workloadsReady("abcdesktop-prod");
        const pyos = cluster.kubectlObject<{
            spec: { template: { spec: { containers: { resources: { limits: { memory: string } } }[] } } };
        }>(["get", "daemonset", "daemonset-pyos", "-n", "abcdesktop-prod"]);
        assert.equal(pyos.spec.template.spec.containers[0].resources.limits.memory, "1Gi", "the promoted setting reached prod");
        const prodObjects = stateObjects(await project.state("prod"));
        assert.deepEqual(
            prodObjects.filter((key) => devObjects.has(key)),
            [],
        );
        const namespaces = new Set(prodObjects.map((key) => key.split("/")[1]).filter(Boolean));
        assert.deepEqual([...namespaces], ["abcdesktop-prod"]);
        assert.ok(!prodObjects.some((key) => key.includes("openldap")), "dev's demo directory did not travel to prod");
        const keySize = (await project.pulumi(["config", "get", "--stack", "prod", "--path", "jwtKeys.size"])).stdout.trim();
        assert.equal(keySize, "4096");
        const claim = cluster.kubectlObject<{ status: { phase: string } }>([
            "get",
            "pvc",
            "persistentvolumeclaim-home-directory",
            "-n",
            "abcdesktop-prod",
        ]);
        assert.equal(claim.status.phase, "Bound", "prod's home directory claim is bound to its reserved volume");
    });

    it("takes prod down with README's teardown, keeping exactly its data, and forgets the stack", async () => {
        for (const command of readmeCommands("teardown-commands")) await project.shell(nonInteractive(command));
        // Prod's namespace and prod's cluster-scoped objects (dev changed too: the promotion rolled its pyos).
        const left = [...everything().keys()].filter((key) => !withDevOnly.has(key) && key.includes("abcdesktop-prod")).sort();
        assert.deepEqual(
            left,
            [
                "ConfigMap/abcdesktop-prod/kube-root-ca.crt",
                "Namespace//abcdesktop-prod",
                "PersistentVolumeClaim/abcdesktop-prod/data-mongodb-od-0",
                "Secret/abcdesktop-prod/mongodb-secret",
                "ServiceAccount/abcdesktop-prod/default",
            ],
            withLogs("what prod's teardown left"),
        );
        const stacks = (await project.pulumi(["stack", "ls", "--json"])).stdout;
        assert.ok(!(JSON.parse(stacks) as { name: string }[]).some((s) => s.name === "prod"), stacks);
        assert.equal(cluster.kubectlItems(["get", "pods", "-n", "abcdesktop"]).length, 7, "dev's pods were left alone");
    });

    it("destroys a second environment completely when it is not to keep its data", async () => {
        const before = everything();
        await project.pulumi(["stack", "init", "staging"]);
        for (const [path, value] of [
            ["namespace", "abcdesktop-staging"],
            ["exposure.nodePort", "30445"],
            ["retainDataOnDestroy", "false"],
            ["desktop.homeDirectory.type", "persistentVolumeClaim"],
            ["desktop.homeDirectory.hostPath", "/srv/abcdesktop-staging/home"],
            ["openldap.enabled", "true"],
        ]) {
            await project.pulumi(["config", "set", "--stack", "staging", "--path", path, value]);
        }
        await up("staging");
        workloadsReady("abcdesktop-staging");
        await project.pulumi(["destroy", "--yes", "--stack", "staging"]);
        const settled = () => [...everything().keys()].filter((key) => !before.has(key)).length === 0;
        await waitFor("the staging namespace's deletion", settled, 120_000, () => "").catch(() => undefined);
        assert.deepEqual(
            [...everything().keys()].filter((key) => !before.has(key)),
            [],
            withLogs("objects of the destroyed stack still in the cluster"),
        );
    });

    it("keeps only MongoDB's data, its passwords and their namespace when dev is destroyed", async () => {
        await project.pulumi(["destroy", "--yes", "--stack", "dev"]);
        assert.equal((await project.state("dev")).resources?.length ?? 0, 0);
        assert.deepEqual(
            addedSinceStart().filter((key) => !key.includes("abcdesktop-prod")),
            [
                // Made by the controller manager in every namespace.
                "ConfigMap/abcdesktop/kube-root-ca.crt",
                "Namespace//abcdesktop",
                "PersistentVolumeClaim/abcdesktop/data-mongodb-od-0",
                "Secret/abcdesktop/mongodb-secret",
                "ServiceAccount/abcdesktop/default",
            ],
            withLogs("what dev's destroy left behind"),
        );
        const claim = cluster.kubectlObject<{ metadata: { uid: string }; status: { phase: string } }>(DATA_CLAIM);
        assert.equal(claim.status.phase, "Bound", "the next `pulumi up` finds MongoDB's data where it was");
        keptClaimUid = claim.metadata.uid;
    });

    it("comes back onto the kept data by README's steps, run as written: the old passwords, the existing namespace", async () => {
        const kept = liveSecret("mongodb-secret");
        // README's block acts on the selected stack, as a user's shell would have it.
        await project.pulumi(["stack", "select", "dev"]);
        await project.shell(readmeScript("reattach-commands"));
        const now = liveSecret("mongodb-secret");
        assert.equal(now.mongo_initdb_root_password, kept.mongo_initdb_root_password);
        assert.equal(now.mongo_pyos_password, kept.mongo_pyos_password);
        const pod = cluster.kubectlObject<{
            spec: { volumes: { persistentVolumeClaim?: { claimName: string } }[] };
            status: { phase: string };
        }>(["get", "pod", "mongodb-od-0", "-n", "abcdesktop"]);
        assert.equal(pod.status.phase, "Running");
        assert.ok(pod.spec.volumes.some((v) => v.persistentVolumeClaim?.claimName === "data-mongodb-od-0"));
        assert.equal(
            cluster.kubectlObject<{ metadata: { uid: string } }>(DATA_CLAIM).metadata.uid,
            keptClaimUid,
            "the same claim, not a new empty one",
        );
    });

    it("deletes the data too when `retainDataOnDestroy` is turned off before destroy, then the stack is removed", async () => {
        await project.pulumi(["config", "set", "--stack", "dev", "retainDataOnDestroy", "false"]);
        await up("dev");
        await project.pulumi(["destroy", "--yes", "--stack", "dev"]);
        await project.pulumi(["stack", "rm", "--yes", "dev"]);
        // The namespace is no longer the stack's (createNamespace false): it stays, empty but for what the controller
        // manager puts in every namespace. The claim goes with its StatefulSet, through the garbage collector.
        const expected = ["ConfigMap/abcdesktop/kube-root-ca.crt", "Namespace//abcdesktop", "ServiceAccount/abcdesktop/default"];
        const ours = () => addedSinceStart().filter((key) => !key.includes("abcdesktop-prod"));
        await waitFor(
            "the data claim's deletion",
            () => ours().join() === expected.join(),
            60_000,
            () => "",
        ).catch(() => undefined);
        assert.deepEqual(ours(), expected, withLogs("what the last destroy left behind"));
    });
});
