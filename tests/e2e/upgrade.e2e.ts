// An upgrade of the package under a running platform, the way pulumi-eks guards its upgrades: the last release
// (0.1.0) deploys a stack configured with its keys, then the package as it is now takes over the same state after
// `npm run migrate-config`, and must neither replace nor delete anything that holds data, keys or passwords. Then
// the same for release 4.4, from the package before its newest change to the package as it is now.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { JWT_SECRETS } from "../../components/jwtKeys/jwtKeys";
import { checkoutCommit, CliProject, cliProject, copyRepository, REPO_DIR } from "./cliProject";
import { otherPulumiManagers } from "./clusterObjects";
import { secretValues } from "./jwtKeySecrets";
import { KubernetesObject, LocalCluster, startLocalCluster } from "./localCluster";

/** The commit of the last release, 0.1.0: what users have deployed (ABCDESKTOP_UPGRADE_FROM to try another). */
const PREVIOUS_RELEASE = process.env.ABCDESKTOP_UPGRADE_FROM ?? "aabe907";
const STACK = "upgrade";
const NAMESPACE = "abcdesktop-upgrade";

/** A stack of 0.1, set up with 0.1's keys as its users set them. */
const SETTINGS_OF_0_1: [string, string, boolean][] = [
    ["namespace", NAMESPACE, false],
    ["nodePort", "30446", false],
    ["openldapDemo", "true", false],
    ["printing", "true", false],
    ["homeDirectoryType", "persistentVolumeClaim", false],
    ["homeDirectoryHostPath", "/srv/abcdesktop-upgrade/home", false],
    ["mongodbRootPassword", "upgrade-root-password-0123456789", true],
];

/** Every object of the stack in `namespace`, and the cluster-scoped ones named after it, by `Kind/name`. */
function stackObjects(cluster: LocalCluster, namespace: string): Map<string, KubernetesObject> {
    return new Map(
        cluster
            .kubectlItems([
                "get",
                "all,configmaps,secrets,serviceaccounts,roles,rolebindings,networkpolicies,persistentvolumeclaims,endpoints",
                "-n",
                namespace,
            ])
            .concat(
                cluster
                    .kubectlItems(["get", "clusterroles,clusterrolebindings,persistentvolumes,storageclasses,namespaces"])
                    .filter((o) => o.metadata.name.includes(namespace)),
            )
            .map((o): [string, KubernetesObject] => [`${o.kind}/${o.metadata.name}`, o]),
    );
}

/** The objects the stack's package labels as its own. */
const managedByPulumi = (objects: Map<string, KubernetesObject>) =>
    [...objects.entries()].filter(([, o]) => o.metadata.labels?.["app.kubernetes.io/managed-by"] === "pulumi");

/** A Secret's values as text. */
const contentOf = (object: KubernetesObject | undefined) => secretValues((object ?? {}) as { data?: Record<string, string> });

/** The objects of `before` that `now` holds as other objects (a new uid), pods and ReplicaSets aside: what was replaced. */
function recreatedObjects(before: Map<string, KubernetesObject>, now: Map<string, KubernetesObject>): string[] {
    return [...before.entries()]
        .filter(
            ([key, object]) =>
                !key.startsWith("Pod/") && !key.startsWith("ReplicaSet/") && now.get(key)?.metadata.uid !== object.metadata.uid,
        )
        .map(([key]) => key)
        .sort();
}

/** A local cluster with a disk for MongoDB, and two copies of the project under one Pulumi home: `previous`, the package at a commit, and `current`, as it is now. */
interface UpgradeBench {
    cluster: LocalCluster;
    previous: CliProject;
    current: CliProject;
}

/** Sets an {@link UpgradeBench} up before the suite's tests and takes it down after them. */
function upgradeBench(commit: string, disk: string, diskSize?: string): UpgradeBench {
    const bench = {} as UpgradeBench;
    let root: string | undefined;
    before(async () => {
        root = mkdtempSync(join(tmpdir(), "abcdesktop-upgrade-e2e-"));
        bench.cluster = await startLocalCluster(join(root, "cluster"));
        bench.cluster.provideDisk(disk, diskSize);
        checkoutCommit(join(root, "previous"), commit);
        copyRepository(join(root, "current"));
        bench.previous = cliProject(join(root, "previous"), join(root, "home"), bench.cluster.kubeconfig);
        bench.current = cliProject(join(root, "current"), join(root, "home"), bench.cluster.kubeconfig);
    });
    after(async () => {
        await bench.cluster?.stop();
        if (root) rmSync(root, { recursive: true, force: true });
    });
    return bench;
}

describe(`an upgrade from the last release (${PREVIOUS_RELEASE}) on a running platform`, { timeout: 30 * 60 * 1000 }, () => {
    const bench = upgradeBench(PREVIOUS_RELEASE, "e2e-upgrade-disk");
    /** Every object of the stack (uid, and the content of Secrets) after the previous release's `up`. */
    let deployed: Map<string, KubernetesObject>;

    const objects = () => stackObjects(bench.cluster, NAMESPACE);

    it("deploys the previous release with its own settings", async () => {
        await bench.previous.pulumi(["login", "--local"]);
        await bench.previous.pulumi(["stack", "init", STACK]);
        for (const [key, value, secret] of SETTINGS_OF_0_1) {
            await bench.previous.pulumi(["config", "set", ...(secret ? ["--secret"] : []), key, value]);
        }
        await bench.previous.pulumi(["up", "--yes"]).catch((error: unknown) => {
            throw new Error(`${String(error)}\n${bench.cluster.logTails()}`);
        });
        deployed = objects();
        assert.ok(
            deployed.has("StatefulSet/mongodb-od") && deployed.has("PersistentVolumeClaim/data-mongodb-od-0"),
            [...deployed.keys()].join(", "),
        );
    });

    it("moves the stack file to the current settings with `npm run migrate-config`, encrypted values included", async () => {
        copyFileSync(join(bench.previous.dir, `Pulumi.${STACK}.yaml`), join(bench.current.dir, `Pulumi.${STACK}.yaml`));
        const { stdout } = await bench.current.shell(`npm run --silent migrate-config -- --stack ${STACK}`);
        assert.match(stdout, /abcdesktop:nodePort -> abcdesktop:exposure.nodePort/);
        assert.match(stdout, /abcdesktop:mongodbRootPassword -> abcdesktop:mongodb.rootPassword/);
        await bench.current.pulumi(["stack", "select", STACK]);
        const password = (await bench.current.pulumi(["config", "get", "--path", "mongodb.rootPassword"])).stdout.trim();
        assert.equal(password, "upgrade-root-password-0123456789", "the secret decrypts where it moved");
    });

    it("previews the upgrade with no replace and no delete of anything that holds data, keys or passwords", async () => {
        const changes = await bench.current.changes(STACK);
        const destructive = changes.filter((change) => /^(replace|delete|create-replacement|delete-replaced|discard)\b/.test(change));
        assert.deepEqual(
            destructive,
            [
                // Until 0.2 these grouped children that now sit in their components (with aliases): they hold nothing.
                "delete abcdesktop:index:AbcdesktopConfigMaps abcdesktop",
                "delete abcdesktop:index:NetworkPolicies abcdesktop",
                // od.config's text changed (every auth manager, the dock icon): the provider replaces a ConfigMap
                // whose data changes; it holds no data, and pyos rolls onto the new one.
                "replace kubernetes:core/v1:ConfigMap abcdesktop-abcdesktop-config",
                // Once, from 0.1's state only: 0.1 took the ConfigMap's name from its output, and the engine replaces
                // what was computed from a replaced object's outputs. It holds no data; from 0.2 on the pods name
                // their ConfigMaps and Secrets as text, and later changes roll in place (bench.cluster.e2e's rotation).
                "replace kubernetes:apps/v1:DaemonSet abcdesktop-daemonset-pyos",
            ].sort(),
            changes.join("\n"),
        );
        assert.deepEqual(
            changes.filter((change) => change.startsWith("create ")),
            // Not a Kubernetes object: the engine-side record of the release the stack runs (components/releases/releaseGuard.ts).
            ["create pulumi:index:Stash abcdesktop-release"],
            "nothing new is created but the record of the release",
        );
    });

    it("updates the platform keeping every object (but pods and the ConfigMap), the data claim, the keys and the passwords", async () => {
        await bench.current.pulumi(["up", "--yes"]).catch((error: unknown) => {
            throw new Error(`${String(error)}\n${bench.cluster.logTails()}`);
        });
        const now = objects();
        assert.deepEqual(recreatedObjects(deployed, now), ["ConfigMap/abcdesktop-config", "DaemonSet/daemonset-pyos"]);
        assert.deepEqual(otherPulumiManagers(managedByPulumi(now), STACK), [], "the random field managers of 0.1 are gone");
        for (const secret of [...Object.values(JWT_SECRETS).map((spec) => spec.secretName), "mongodb-secret"]) {
            assert.deepEqual(
                contentOf(now.get(`Secret/${secret}`)),
                contentOf(deployed.get(`Secret/${secret}`)),
                `${secret} kept its content`,
            );
        }
        assert.equal(contentOf(now.get("Secret/mongodb-secret")).mongo_initdb_root_password, "upgrade-root-password-0123456789");
        for (const object of now.values()) {
            if (object.kind === "Pod" || object.kind === "ReplicaSet" || object.kind === "Endpoints") continue;
            const labels = object.metadata.labels ?? {};
            if (labels["app.kubernetes.io/managed-by"] === "pulumi")
                assert.ok(labels["app.kubernetes.io/component"], `${object.kind}/${object.metadata.name} has its component label`);
        }
        await bench.current.pulumi(["preview", "--diff", "--expect-no-changes"]);
    });
});

/**
 * The package before its newest change: HEAD when the working tree changes what is deployed (the change under test is
 * not committed yet), else the parent of the newest commit that changed it. ABCDESKTOP_UPGRADE_FROM_COMMIT picks one.
 */
function packageBeforeItsLastChange(): string {
    const git = (args: string[]) => execFileSync("git", args, { cwd: REPO_DIR, encoding: "utf8" }).trim();
    if (process.env.ABCDESKTOP_UPGRADE_FROM_COMMIT) return git(["rev-parse", process.env.ABCDESKTOP_UPGRADE_FROM_COMMIT]);
    if (git(["status", "--porcelain", "--", ...DEPLOYED_PATHS]) !== "") return git(["rev-parse", "HEAD"]);
    return git(["rev-parse", `${git(["rev-list", "-1", "HEAD", "--", ...DEPLOYED_PATHS])}~1`]);
}

/** What decides the objects a stack gets: the library, the program and the dependencies. */
const DEPLOYED_PATHS = ["components", "index.ts", "package.json", "package-lock.json", "Pulumi.yaml"];

const RELEASE_4_4_STACK = "release-4.4";
const RELEASE_4_4_NAMESPACE = "abcdesktop-44";

// Release 4.4 came after 0.1: what guards its users' upgrades is this step, one version to the next.
describe("an upgrade from the package before its newest change, on a running 4.4 platform", { timeout: 20 * 60 * 1000 }, () => {
    const from = packageBeforeItsLastChange();
    // 4.4's MongoDB claims 8Gi.
    const bench = upgradeBench(from, "e2e-upgrade-44-disk", "20Gi");
    let deployed: Map<string, KubernetesObject>;

    it(`deploys release 4.4 with the package at ${from.slice(0, 7)}`, async () => {
        await bench.previous.pulumi(["login", "--local"]);
        await bench.previous.pulumi(["stack", "select", "--create", RELEASE_4_4_STACK]);
        await bench.previous.pulumi(["up", "--yes"]).catch((error: unknown) => {
            throw new Error(`${String(error)}\n${bench.cluster.logTails()}`);
        });
        deployed = stackObjects(bench.cluster, RELEASE_4_4_NAMESPACE);
        assert.ok(deployed.has("StatefulSet/mongodb-od"), [...deployed.keys()].join(", "));
    });

    it("updates it with the package as it is now: nothing replaced, deleted or created, the data claim, keys and passwords kept", async () => {
        // The stack's settings stay the previous version's: only the package changes.
        copyFileSync(
            join(bench.previous.dir, `Pulumi.${RELEASE_4_4_STACK}.yaml`),
            join(bench.current.dir, `Pulumi.${RELEASE_4_4_STACK}.yaml`),
        );
        await bench.current.pulumi(["stack", "select", RELEASE_4_4_STACK]);
        const changes = await bench.current.changes(RELEASE_4_4_STACK);
        assert.deepEqual(
            changes.filter((change) => !change.startsWith("update ")),
            [],
            `only updates in place:\n${changes.join("\n")}`,
        );
        await bench.current.pulumi(["up", "--yes"]).catch((error: unknown) => {
            throw new Error(`${String(error)}\n${bench.cluster.logTails()}`);
        });
        const now = stackObjects(bench.cluster, RELEASE_4_4_NAMESPACE);
        assert.deepEqual(recreatedObjects(deployed, now), [], "objects replaced by the upgrade");
        assert.deepEqual(
            otherPulumiManagers(managedByPulumi(now), RELEASE_4_4_STACK),
            [],
            "objects with a Pulumi field manager but the stack's",
        );
        for (const [key, object] of deployed) {
            if (key.startsWith("Secret/"))
                assert.equal(JSON.stringify(contentOf(now.get(key))), JSON.stringify(contentOf(object)), `${key} kept its content`);
        }
        await bench.current.pulumi(["preview", "--diff", "--expect-no-changes"]);
    });
});
