// An upgrade of the package under a running platform, the way pulumi-eks guards its upgrades: the last release
// (0.1.0) deploys a stack configured with its keys, then the package as it is now takes over the same state after
// `npm run migrate-config`, and must neither replace nor delete anything that holds data, keys or passwords.
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { JWT_SECRETS } from "../../components/jwtKeys/jwtKeys";
import { checkoutCommit, CliProject, cliProject, copyRepository } from "./cliProject";
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

describe(`an upgrade from the last release (${PREVIOUS_RELEASE}) on a running platform`, { timeout: 30 * 60 * 1000 }, () => {
    let root: string;
    let cluster: LocalCluster;
    let previous: CliProject;
    let current: CliProject;
    /** Every object of the stack (uid, and the content of Secrets) after the previous release's `up`. */
    let deployed: Map<string, KubernetesObject>;

    const objects = (): Map<string, KubernetesObject> =>
        new Map(
            cluster
                .kubectlItems([
                    "get",
                    "all,configmaps,secrets,serviceaccounts,roles,rolebindings,networkpolicies,persistentvolumeclaims,endpoints",
                    "-n",
                    NAMESPACE,
                ])
                .concat(
                    cluster
                        .kubectlItems(["get", "clusterroles,clusterrolebindings,persistentvolumes,storageclasses,namespaces"])
                        .filter((o) => o.metadata.name.includes(NAMESPACE)),
                )
                .map((o): [string, KubernetesObject] => [`${o.kind}/${o.metadata.name}`, o]),
        );

    /** A Secret's values as text. */
    const contentOf = (object: KubernetesObject | undefined) => secretValues((object ?? {}) as { data?: Record<string, string> });

    before(async () => {
        root = mkdtempSync(join(tmpdir(), "abcdesktop-upgrade-e2e-"));
        cluster = await startLocalCluster(join(root, "cluster"));
        cluster.provideDisk("e2e-upgrade-disk");
        checkoutCommit(join(root, "previous"), PREVIOUS_RELEASE);
        copyRepository(join(root, "current"));
        previous = cliProject(join(root, "previous"), join(root, "home"), cluster.kubeconfig);
        current = cliProject(join(root, "current"), join(root, "home"), cluster.kubeconfig);
    });

    after(async () => {
        await cluster?.stop();
        if (root) rmSync(root, { recursive: true, force: true });
    });

    it("deploys the previous release with its own settings", async () => {
        await previous.pulumi(["login", "--local"]);
        await previous.pulumi(["stack", "init", STACK]);
        for (const [key, value, secret] of SETTINGS_OF_0_1) {
            await previous.pulumi(["config", "set", ...(secret ? ["--secret"] : []), key, value]);
        }
        await previous.pulumi(["up", "--yes"]).catch((error: unknown) => {
            throw new Error(`${String(error)}\n${cluster.logTails()}`);
        });
        deployed = objects();
        assert.ok(
            deployed.has("StatefulSet/mongodb-od") && deployed.has("PersistentVolumeClaim/data-mongodb-od-0"),
            [...deployed.keys()].join(", "),
        );
    });

    it("moves the stack file to the current settings with `npm run migrate-config`, encrypted values included", async () => {
        copyFileSync(join(previous.dir, `Pulumi.${STACK}.yaml`), join(current.dir, `Pulumi.${STACK}.yaml`));
        const { stdout } = await current.shell(`npm run --silent migrate-config -- --stack ${STACK}`);
        assert.match(stdout, /abcdesktop:nodePort -> abcdesktop:exposure.nodePort/);
        assert.match(stdout, /abcdesktop:mongodbRootPassword -> abcdesktop:mongodb.rootPassword/);
        await current.pulumi(["stack", "select", STACK]);
        const password = (await current.pulumi(["config", "get", "--path", "mongodb.rootPassword"])).stdout.trim();
        assert.equal(password, "upgrade-root-password-0123456789", "the secret decrypts where it moved");
    });

    it("previews the upgrade with no replace and no delete of anything that holds data, keys or passwords", async () => {
        const changes = await current.changes(STACK);
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
                // their ConfigMaps and Secrets as text, and later changes roll in place (cluster.e2e's rotation).
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
        await current.pulumi(["up", "--yes"]).catch((error: unknown) => {
            throw new Error(`${String(error)}\n${cluster.logTails()}`);
        });
        const now = objects();
        const recreated = [...deployed.entries()]
            .filter(
                ([key, object]) =>
                    !key.startsWith("Pod/") && !key.startsWith("ReplicaSet/") && now.get(key)?.metadata.uid !== object.metadata.uid,
            )
            .map(([key]) => key);
        assert.deepEqual(recreated.sort(), ["ConfigMap/abcdesktop-config", "DaemonSet/daemonset-pyos"]);
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
        await current.pulumi(["preview", "--diff", "--expect-no-changes"]);
    });
});
