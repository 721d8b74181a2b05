// The real Pulumi engine applies the program to a real Kubernetes API server on 127.0.0.1 (tests/e2e/localCluster.ts):
// with the controller manager, the scheduler and kwok's fake node, every Deployment, DaemonSet and StatefulSet
// becomes ready, so Pulumi's await logic runs as it does on a user's cluster (no skipAwait). kubectl checks what
// arrived, and `pulumi destroy` is held to leaving exactly the data it promises to keep, and nothing else.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Stack } from "@pulumi/pulumi/automation";
import { JWT_SECRETS } from "../../components/jwtKeys/jwtKeys";
import { assertJwtKeySecrets, secretValues } from "./jwtKeySecrets";
import { FAKE_NODE, KubernetesObject, LocalCluster, startLocalCluster, waitFor } from "./localCluster";
import { changedSteps, createE2eWorkspace, E2eWorkspace } from "./workspace";

/** Kinds whose objects come and go on their own (audit trail, heartbeats), not because of what we deploy. */
const TRANSIENT_KINDS = new Set(["events", "events.events.k8s.io", "leases.coordination.k8s.io"]);

/** kubectl's arguments for MongoDB's data claim in dev's namespace. */
const DATA_CLAIM = ["get", "pvc", "data-mongodb-od-0", "-n", "abcdesktop"];

/** The key of an object in a cluster snapshot. */
const keyOf = (o: KubernetesObject) => `${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;

/** Disks the cluster's administrator provides for MongoDB's data claims (no default StorageClass here). */
function adminDisk(name: string): string {
    return JSON.stringify({
        apiVersion: "v1",
        kind: "PersistentVolume",
        metadata: { name, labels: { "e2e-fixture": "true" } },
        spec: {
            capacity: { storage: "10Gi" },
            accessModes: ["ReadWriteOnce"],
            persistentVolumeReclaimPolicy: "Retain",
            hostPath: { path: `/srv/${name}` },
        },
    });
}

/**
 * Runs `action` with the process's unhandled-rejection listeners (the test runner's) replaced by a collector, and
 * returns what was collected. When an inline program throws, @pulumi/pulumi (seen with 3.248) leaves the stack's
 * rejected outputs unobserved: the program's own error surfaces twice more as unhandled rejections. Under the CLI
 * the program's process exits right after; here they would fail the whole test file, so the test that makes the
 * program throw collects them and checks they are that error and nothing else.
 */
async function unhandledRejectionsDuring(action: () => Promise<void>): Promise<unknown[]> {
    const listeners = process.listeners("unhandledRejection");
    const collected: unknown[] = [];
    const collect = (reason: unknown) => collected.push(reason);
    process.removeAllListeners("unhandledRejection");
    process.on("unhandledRejection", collect);
    try {
        await action();
        await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
        process.off("unhandledRejection", collect);
        for (const listener of listeners) process.on("unhandledRejection", listener);
    }
    return collected;
}

interface WorkloadStatus {
    kind: string;
    metadata: { name: string };
    spec: { replicas?: number };
    status: {
        readyReplicas?: number;
        availableReplicas?: number;
        numberReady?: number;
        desiredNumberScheduled?: number;
    };
}

describe("abcdesktop applied to a real Kubernetes API server", { timeout: 40 * 60 * 1000 }, () => {
    let workspace: E2eWorkspace;
    let cluster: LocalCluster;
    let listableKinds: string[];
    /** Every object before the first `pulumi up`. */
    let atStart: Map<string, KubernetesObject>;
    let dev: Stack;
    let staging: Stack;
    /** The UID of MongoDB's data claim that dev's destroy kept. */
    let keptClaimUid: string;

    const everything = () =>
        new Map(
            cluster.kubectlItems(["get", listableKinds.join(","), "--all-namespaces", "--show-managed-fields"]).map((o) => [keyOf(o), o]),
        );
    /** Objects present now that were not there before any stack came up. */
    const addedSinceStart = () => [...everything().keys()].filter((key) => !atStart.has(key)).sort();
    const withLogs = (message: string) => `${message}\n${cluster.logTails()}`;
    /** A Secret of dev's namespace, as text, read from the cluster. */
    const liveSecret = (name: string) => secretValues(cluster.kubectlObject(["get", "secret", name, "-n", "abcdesktop"]));

    /** The Kubernetes objects the engine has in the stack's state, by `Kind/namespace/name`. */
    const stateObjects = async (stack: Stack) => {
        const deployment = (await stack.exportStack()).deployment as {
            resources?: { type: string; outputs?: { kind?: string; metadata?: { name: string; namespace?: string } } }[];
        };
        return (deployment.resources ?? [])
            .filter((r) => r.type.startsWith("kubernetes:") && r.outputs?.metadata)
            .map((r) => `${r.outputs!.kind}/${r.outputs!.metadata!.namespace ?? ""}/${r.outputs!.metadata!.name}`)
            .sort();
    };

    const upOrExplain = async (stack: Stack, options: Parameters<Stack["up"]>[0] = {}) => {
        try {
            return await stack.up(options);
        } catch (error) {
            throw new Error(withLogs(String(error)), { cause: error });
        }
    };

    before(async () => {
        workspace = createE2eWorkspace();
        cluster = await startLocalCluster(`${workspace.root}/cluster`);
        cluster.kubectl(["apply", "-f", "-"], adminDisk("e2e-disk-1"));
        cluster.kubectl(["apply", "-f", "-"], adminDisk("e2e-disk-2"));
        listableKinds = cluster
            .kubectl(["api-resources", "--verbs=list", "-o", "name"])
            .split("\n")
            .filter((kind) => kind && !TRANSIENT_KINDS.has(kind) && kind !== "componentstatuses");
        atStart = everything();
        const kubeconfig = { "kubernetes:kubeconfig": { value: cluster.kubeconfig } };
        dev = await workspace.openStack("dev", kubeconfig);
        // A second environment that deletes its data on destroy, with home directories on a claim (cluster-scoped
        // StorageClass and PersistentVolume) and its own NodePort.
        staging = await workspace.openStack("staging", {
            ...kubeconfig,
            "abcdesktop:namespace": { value: "abcdesktop-staging" },
            "abcdesktop:exposure.nodePort": { value: "30445" },
            "abcdesktop:retainDataOnDestroy": { value: "false" },
            "abcdesktop:desktop.homeDirectory.type": { value: "persistentVolumeClaim" },
            "abcdesktop:desktop.homeDirectory.hostPath": { value: "/srv/abcdesktop-staging/home" },
            "abcdesktop:openldap.enabled": { value: "true" },
        });
    });

    after(async () => {
        await cluster?.stop();
        workspace?.dispose();
    });

    it("brings the dev stack up with `pulumi up`, waiting until every workload is ready", async () => {
        const result = await upOrExplain(dev);
        assert.equal(result.summary.result, "succeeded");
        assert.equal(result.outputs.namespace.value, "abcdesktop");

        const workloads = cluster.kubectlItems<WorkloadStatus>(["get", "deployments,daemonsets,statefulsets", "-n", "abcdesktop"]);
        const byName = workloads.map((w) => `${w.kind}/${w.metadata.name}`).sort();
        assert.deepEqual(byName, [
            "DaemonSet/daemonset-image-prepull",
            "DaemonSet/daemonset-nginx",
            "DaemonSet/daemonset-pyos",
            "Deployment/memcached-od",
            "Deployment/openldap-od",
            "Deployment/speedtest-od",
            "StatefulSet/mongodb-od",
        ]);
        for (const workload of workloads) {
            const { status } = workload;
            const ready =
                workload.kind === "DaemonSet"
                    ? status.numberReady === 1 && status.desiredNumberScheduled === 1
                    : status.readyReplicas === (workload.spec.replicas ?? 1);
            assert.ok(ready, `${workload.kind}/${workload.metadata.name} is ready: ${JSON.stringify(status)}`);
        }
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
        const inState = await stateObjects(dev);
        assert.ok(inState.length > 30, `${inState.length} objects in the state`);
        const now = everything();
        const missing = inState.filter((key) => !now.has(key));
        assert.deepEqual(missing, [], "objects in the state but not in the cluster");
        const managedByPulumi = [...now.values()]
            .filter((o) => o.metadata.managedFields?.some((f) => f.manager?.startsWith("pulumi-kubernetes")))
            .map(keyOf)
            .sort();
        assert.deepEqual(managedByPulumi, inState, "objects Pulumi wrote are the ones in the state");
    });

    it("serves the platform on NodePort 30443 with the JWT keys nginx and pyos can read", () => {
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
    });

    it("lets pyos's ServiceAccount do what pyos does, in its namespace only, as the API server's RBAC decides", () => {
        const pyos = "system:serviceaccount:abcdesktop:pyos-serviceaccount";
        const can = (verb: string, resource: string, namespace?: string) => {
            const where = namespace ? ["-n", namespace] : [];
            try {
                return cluster.kubectl(["auth", "can-i", verb, resource, `--as=${pyos}`, ...where]).trim() === "yes";
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

    it("finds no drift after a refresh, and changes nothing on `pulumi up --expect-no-changes`", async () => {
        const refresh = await dev.refresh();
        assert.equal(refresh.summary.result, "succeeded");
        const changes = refresh.summary.resourceChanges ?? {};
        assert.deepEqual(
            Object.keys(changes).filter((op) => op !== "same"),
            [],
            `the live objects differ from what was applied: ${JSON.stringify(changes)}`,
        );
        const result = await upOrExplain(dev, { expectNoChanges: true });
        assert.deepEqual(Object.keys(result.summary.resourceChanges ?? {}), ["same"]);
    });

    it("moves the NodePort in place: one update of Service nginx, and the cluster serves the new port", async () => {
        await dev.setConfig("abcdesktop:exposure.nodePort", { value: "30500" }, true);
        const { onEvent, changed } = changedSteps();
        await upOrExplain(dev, { onEvent });
        assert.deepEqual(changed, ["update kubernetes:core/v1:Service abcdesktop-nginx"]);
        const port = cluster.kubectl(["get", "service", "nginx", "-n", "abcdesktop", "-o", "jsonpath={.spec.ports[*].nodePort}"]);
        assert.equal(port.trim(), "30500");
    });

    it("refuses bad settings on a live stack before touching anything, naming every bad setting", async () => {
        const liveVersions = async () => {
            const ours = new Set(await stateObjects(dev));
            // Same object (uid) with the same spec (generation; objects without one: any write bumps resourceVersion).
            const version = (o: KubernetesObject) => `${o.metadata.uid} ${o.metadata.generation ?? o.metadata.resourceVersion}`;
            return new Map([...everything()].filter(([key]) => ours.has(key)).map(([key, o]) => [key, version(o)]));
        };
        const versionsBefore = await liveVersions();
        const stateBefore = await stateObjects(dev);
        await dev.setAllConfig({ "abcdesktop:exposure.nodePort": { value: "80" }, "abcdesktop:jwtKeys.size": { value: "1024" } }, true);
        const leaked = await unhandledRejectionsDuring(() =>
            assert.rejects(dev.up(), (error: Error) => {
                assert.match(error.message, /exposure.nodePort: 80 is not allowed; allowed: an integer from 30000 to 32767/);
                assert.match(
                    error.message,
                    /jwtKeys.size: 1024 is not allowed \(keys below 2048 bits are refused\); allowed: 2048, 3072, 4096/,
                );
                return true;
            }),
        );
        assert.ok(
            leaked.every((reason) => reason instanceof Error && reason.name === "AbcdesktopArgsError"),
            String(leaked),
        );
        await dev.setConfig("abcdesktop:exposure.nodePort", { value: "30500" }, true);
        await dev.removeConfig("abcdesktop:jwtKeys.size", true);
        assert.deepEqual(await stateObjects(dev), stateBefore, "the stack's state lost nothing");
        assert.deepEqual(await liveVersions(), versionsBefore, "no object in the cluster was changed or deleted");
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
        const podsBefore = podsByOwner();
        const keyBefore = signingKey();

        await dev.setConfig("abcdesktop:jwtKeys.rotation", { value: "1" }, true);
        const result = await upOrExplain(dev);
        assert.equal(result.summary.result, "succeeded");

        assert.notEqual(signingKey(), keyBefore);
        assertJwtKeySecrets((name) => liveSecret(name));
        const podsAfter = podsByOwner();
        assert.deepEqual([...podsAfter.keys()].sort(), [...podsBefore.keys()].sort());
        const rolled = [...podsAfter]
            .filter(([owner, pod]) => podsBefore.get(owner)?.metadata.uid !== pod.metadata.uid)
            .map(([owner]) => owner);
        assert.deepEqual(rolled.sort(), ["daemonset-nginx", "daemonset-pyos"]);
        for (const [owner, pod] of podsAfter) assert.equal(pod.status.phase, "Running", owner);
    });

    /** Every object while only dev is up. */
    let withDevOnly: Map<string, KubernetesObject>;

    it("brings a second environment up beside dev, sharing no object with it", async () => {
        withDevOnly = everything();
        const devObjects = new Set(await stateObjects(dev));
        const result = await upOrExplain(staging);
        assert.equal(result.summary.result, "succeeded");
        const stagingObjects = await stateObjects(staging);
        assert.deepEqual(
            stagingObjects.filter((key) => devObjects.has(key)),
            [],
        );
        const clusterScoped = stagingObjects.filter((key) => key.split("/")[1] === "");
        assert.ok(
            clusterScoped.some((key) => key.startsWith("PersistentVolume/")) && clusterScoped.some((key) => key.startsWith("ClusterRole/")),
        );
        const claim = cluster.kubectlObject<{ status: { phase: string } }>([
            "get",
            "pvc",
            "persistentvolumeclaim-home-directory",
            "-n",
            "abcdesktop-staging",
        ]);
        assert.equal(claim.status.phase, "Bound", "the home directory claim is bound to its reserved volume");
    });

    it("destroys the second environment completely when it is not to keep its data", async () => {
        const result = await staging.destroy();
        assert.equal(result.summary.result, "succeeded");
        const left = [...everything().keys()].filter((key) => !withDevOnly.has(key));
        assert.deepEqual(left, [], withLogs("objects of the destroyed stack still in the cluster"));
        assert.equal(cluster.kubectlItems(["get", "pods", "-n", "abcdesktop"]).length, 7, "dev's pods were left alone");
    });

    it("keeps only MongoDB's data, its passwords and their namespace when dev is destroyed", async () => {
        const result = await dev.destroy();
        assert.equal(result.summary.result, "succeeded");
        const deployment = (await dev.exportStack()).deployment as { resources?: unknown[] };
        assert.equal(deployment.resources?.length ?? 0, 0);
        assert.deepEqual(
            addedSinceStart(),
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

    it("comes back onto the kept data by the README's steps: the old passwords, the existing namespace", async () => {
        const kept = liveSecret("mongodb-secret");
        await dev.setAllConfig(
            {
                "abcdesktop:mongodb.rootPassword": { value: kept.mongo_initdb_root_password, secret: true },
                "abcdesktop:mongodb.pyosPassword": { value: kept.mongo_pyos_password, secret: true },
                "abcdesktop:createNamespace": { value: "false" },
            },
            true,
        );
        cluster.kubectl(["delete", "secret", "mongodb-secret", "-n", "abcdesktop"]);
        const result = await upOrExplain(dev);
        assert.equal(result.summary.result, "succeeded");

        const now = liveSecret("mongodb-secret");
        assert.equal(now.mongo_initdb_root_password, kept.mongo_initdb_root_password);
        assert.equal(now.mongo_pyos_password, kept.mongo_pyos_password);
        const pod = cluster.kubectlObject<{
            spec: { volumes: { persistentVolumeClaim?: { claimName: string } }[] };
            status: { phase: string };
        }>(["get", "pod", "mongodb-od-0", "-n", "abcdesktop"]);
        assert.equal(pod.status.phase, "Running");
        assert.ok(pod.spec.volumes.some((v) => v.persistentVolumeClaim?.claimName === "data-mongodb-od-0"));
        const claim = cluster.kubectlObject<{ metadata: { uid: string } }>(DATA_CLAIM);
        assert.equal(claim.metadata.uid, keptClaimUid, "the same claim, not a new empty one");
    });

    it("deletes the data too when `retainDataOnDestroy` is turned off before destroy", async () => {
        await dev.setConfig("abcdesktop:retainDataOnDestroy", { value: "false" });
        await upOrExplain(dev);
        assert.equal((await dev.destroy()).summary.result, "succeeded");
        // The namespace is no longer the stack's (createNamespace false): it stays, empty but for what the
        // controller manager puts in every namespace. The claim goes with its StatefulSet, through the garbage collector.
        const expected = ["ConfigMap/abcdesktop/kube-root-ca.crt", "Namespace//abcdesktop", "ServiceAccount/abcdesktop/default"];
        const settled = () => addedSinceStart().join() === expected.join();
        // On timeout the assertion below says what is left.
        await waitFor("the data claim's deletion", settled, 60_000, () => "").catch(() => undefined);
        assert.deepEqual(addedSinceStart(), expected, withLogs("what the last destroy left behind"));
    });
});
