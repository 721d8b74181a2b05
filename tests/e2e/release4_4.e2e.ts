// Release 4.4 on a real Kubernetes API server, through the `pulumi` command line and the committed stack file
// Pulumi.release-4.4.yaml: every workload ready when `pulumi up` returns, upstream's objects in the cluster, a key
// rotation that rolls exactly the router and pyos, pyos scaled out behind a disruption budget, a change of release
// refused without touching anything, and a destroy that keeps exactly MongoDB's data.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { JWT_SECRETS } from "../../components/jwtKeys/jwtKeys";
import { CliProject, cliProject, copyRepository, REPO_DIR, stateObjects } from "./cliProject";
import { adminDisk } from "./clusterObjects";
import { assertJwtKeySecrets, secretValues } from "./jwtKeySecrets";
import { KubernetesObject, LocalCluster, startLocalCluster } from "./localCluster";
import { ENGINE_BINARIES, missingBinaries, toolchainBin } from "./toolchain";

const STACK = "release-4.4";
const NAMESPACE = "abcdesktop-44";

interface Pod {
    metadata: { name: string; uid: string; ownerReferences?: { kind: string; name: string }[] };
    status: { phase: string };
}

interface Workload {
    kind: string;
    metadata: { name: string };
    spec: { replicas?: number };
    status: { readyReplicas?: number; numberReady?: number; desiredNumberScheduled?: number };
}

/** The kinds and names upstream's 4.4 install creates (tests/fixtures/upstream-4.4-objects.json). */
function upstreamObjects(): string[] {
    const facts = JSON.parse(readFileSync(join(REPO_DIR, "tests", "fixtures", "upstream-4.4-objects.json"), "utf8")) as {
        objects: { kind: string; name: string }[];
    };
    return facts.objects.map((o) => `${o.kind}/${o.name}`).sort();
}

describe("release 4.4 applied to a real Kubernetes API server through the pulumi command line", { timeout: 45 * 60 * 1000 }, () => {
    let root: string;
    let cluster: LocalCluster;
    let project: CliProject;

    const withLogs = (message: string) => `${message}\n${cluster.logTails()}`;
    const up = async (extra: string[] = []) => {
        try {
            return await project.pulumi(["up", "--yes", "--stack", STACK, ...extra]);
        } catch (error) {
            throw new Error(withLogs(String(error)), { cause: error });
        }
    };
    const configSet = (path: string, value: string) => project.pulumi(["config", "set", "--stack", STACK, "--path", path, value]);
    const podsByOwner = () =>
        new Map(
            cluster
                .kubectlItems<Pod>(["get", "pods", "-n", NAMESPACE])
                .map((pod) => [`${pod.metadata.ownerReferences?.[0]?.name ?? ""}/${pod.metadata.name}`, pod] as const),
        );
    /** The workload each pod belongs to: a ReplicaSet's name without its hash, or the StatefulSet's. */
    const ownerOf = (key: string) => key.split("/")[0].replace(/-[a-z0-9]{8,10}$/, "");
    const workloadsReady = () => {
        const workloads = cluster.kubectlItems<Workload>(["get", "deployments,statefulsets", "-n", NAMESPACE]);
        assert.ok(workloads.length >= 8, `${workloads.length} workloads`);
        for (const workload of workloads) {
            assert.equal(workload.status.readyReplicas, workload.spec.replicas ?? 1, `${workload.kind}/${workload.metadata.name} is ready`);
        }
    };

    before(async () => {
        assert.deepEqual(
            missingBinaries([...ENGINE_BINARIES, "pulumi-language-nodejs"]),
            [],
            `the toolchain is not built: run scripts/e2e-toolchain.sh (${toolchainBin()})`,
        );
        root = mkdtempSync(join(tmpdir(), "abcdesktop-44-e2e-"));
        cluster = await startLocalCluster(join(root, "cluster"));
        cluster.kubectl(["apply", "-f", "-"], adminDisk("e2e-disk-44", "20Gi"));
        copyRepository(join(root, "project"));
        project = cliProject(join(root, "project"), join(root, "home"), cluster.kubeconfig);
        await project.pulumi(["login", "--local"]);
        await project.pulumi(["stack", "select", "--create", STACK]);
    });

    after(async () => {
        await cluster?.stop();
        if (root) rmSync(root, { recursive: true, force: true });
    });

    it("deploys 4.4 from its stack file, and every Deployment and StatefulSet is ready when `pulumi up` returns", async () => {
        await up();
        workloadsReady();
        const outputs = await project.outputs(STACK);
        assert.equal(outputs["url"], "http://localhost:30445/");
        const router = cluster.kubectlObject<{ spec: { type: string; ports: { nodePort?: number }[] } }>([
            "get",
            "service",
            "http-router",
            "-n",
            NAMESPACE,
        ]);
        assert.deepEqual([router.spec.type, router.spec.ports[0]?.nodePort], ["NodePort", 30445]);
    });

    it("has upstream's 4.4 objects in the cluster, and the engine's state holds exactly what Pulumi wrote", async () => {
        const inState = stateObjects(await project.state(STACK));
        const inNamespace = new Set(
            inState.filter((key) => key.split("/")[1] === NAMESPACE).map((key) => `${key.split("/")[0]}/${key.split("/")[2]}`),
        );
        const missing = upstreamObjects().filter((object) => !inNamespace.has(object));
        assert.deepEqual(missing, []);
        for (const key of inState) {
            const [kind, namespace, name] = key.split("/");
            cluster.kubectl(["get", kind, name, ...(namespace ? ["-n", namespace] : []), "-o", "name"]);
        }
        assertJwtKeySecrets((name) => secretValues(cluster.kubectlObject(["get", "secret", name, "-n", NAMESPACE])));
        const keyfile = secretValues(cluster.kubectlObject(["get", "secret", "abcdesktop-mongod-keyfile", "-n", NAMESPACE]))[
            "mongod.keyfile"
        ];
        assert.match(keyfile.replace(/\s/g, ""), /^[A-Za-z0-9+/=]{6,1024}$/);
    });

    it("rotates the JWT keys: the router and pyos roll onto the new keys, no other pod is touched", async () => {
        const signingKey = () =>
            secretValues(cluster.kubectlObject(["get", "secret", "abcdesktopjwtdesktopsigning", "-n", NAMESPACE]))[
                JWT_SECRETS.desktopSigning.privateKeyFile
            ];
        const workloadUids = () =>
            cluster
                .kubectlItems(["get", "deployments,statefulsets", "-n", NAMESPACE])
                .map((o) => `${o.kind}/${o.metadata.name} ${o.metadata.uid}`)
                .sort();
        const workloadsBefore = workloadUids();
        const before = podsByOwner();
        const keyBefore = signingKey();
        await configSet("jwtKeys.rotation", "1");
        await up();
        assert.notEqual(signingKey(), keyBefore);
        const after = podsByOwner();
        const kept = new Set([...after.values()].map((pod) => pod.metadata.uid));
        const replaced = [...before].filter(([, pod]) => !kept.has(pod.metadata.uid)).map(([key]) => ownerOf(key));
        assert.deepEqual([...new Set(replaced)].sort(), ["pyos-od", "router-od"]);
        // Rolled by an update in place: a replaced Deployment takes every pod down at once.
        assert.deepEqual(workloadUids(), workloadsBefore, "every Deployment and StatefulSet is the same object");
        workloadsReady();
    });

    it("scales pyos out to two pods behind a disruption budget, and back", async () => {
        await configSet("pyos.replicas", "2");
        await up();
        workloadsReady();
        const budget = cluster.kubectlObject<{ spec: { maxUnavailable: number; selector: { matchLabels: Record<string, string> } } }>([
            "get",
            "poddisruptionbudget",
            "pyos-od",
            "-n",
            NAMESPACE,
        ]);
        assert.deepEqual(budget.spec, { maxUnavailable: 1, selector: { matchLabels: { name: "pyos-od" } } });
        await project.pulumi(["config", "rm", "--stack", STACK, "--path", "pyos.replicas"]);
        await up();
        workloadsReady();
        assert.equal(cluster.kubectl(["get", "poddisruptionbudget", "-n", NAMESPACE, "-o", "name"]).trim(), "");
    });

    it("refuses to switch the live stack to release 1.0, naming what to do, and changes nothing", async () => {
        const objects = () =>
            cluster
                .kubectlItems<KubernetesObject>(["get", "all,configmaps,secrets", "-n", NAMESPACE])
                .map((o) => `${o.kind}/${o.metadata.name} ${o.metadata.uid} ${o.metadata.resourceVersion}`)
                .sort();
        const before = objects();
        await project.pulumi(["config", "set", "--stack", STACK, "release", "1.0"]);
        const refused = await project.pulumi(["up", "--yes", "--stack", STACK], { allowFailure: true });
        const output = refused.stdout + refused.stderr;
        assert.notEqual(refused.code, 0, output);
        assert.match(output, /release: "1\.0", but this stack runs release "4\.4"[^]*allowReleaseSwitch: true/);
        assert.deepEqual(objects(), before);
        await project.pulumi(["config", "set", "--stack", STACK, "release", "4.4"]);
        await project.pulumi(["preview", "--stack", STACK, "--expect-no-changes"]);
    });

    it("destroys 4.4 keeping exactly its data: the namespace, MongoDB's claim and its passwords", async () => {
        await project.pulumi(["destroy", "--yes", "--stack", STACK]);
        const left = cluster
            .kubectlItems<KubernetesObject>([
                "get",
                "deployments,statefulsets,services,configmaps,secrets,persistentvolumeclaims",
                "-n",
                NAMESPACE,
            ])
            .filter((o) => !(o.kind === "ConfigMap" && o.metadata.name === "kube-root-ca.crt"))
            .map((o) => `${o.kind}/${o.metadata.name}`)
            .sort();
        assert.deepEqual(
            left.filter((key) => !key.startsWith("PersistentVolumeClaim/")),
            ["Secret/secret-mongodb"],
        );
        assert.equal(left.filter((key) => key.startsWith("PersistentVolumeClaim/")).length, 1, left.join(", "));
        cluster.kubectl(["get", "namespace", NAMESPACE]);
    });
});
