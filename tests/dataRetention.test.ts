// User data survives upgrades and, unless asked otherwise, `pulumi destroy`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { unwrapSecrets } from "../components/testing/mocks";
import { deployPlatform, find, Registration, registrations } from "./support/platform";

function one(seen: Registration[], type: string): Registration {
    const found = seen.filter((r) => r.type === type);
    assert.equal(found.length, 1, type);
    return found[0];
}

describe("data on destroy and upgrade", () => {
    it("keeps the namespace, which holds MongoDB's data claim, when the stack is destroyed", async () => {
        const seen = await registrations({});
        assert.equal(one(seen, "kubernetes:core/v1:Namespace").opts.retainOnDelete, true);
    });

    it("lets MongoDB's data claim outlive the StatefulSet, so a replaced StatefulSet reattaches to data-mongodb-od-0", async () => {
        const seen = await registrations({});
        const statefulSet = unwrapSecrets(one(seen, "kubernetes:apps/v1:StatefulSet").props) as {
            spec: {
                persistentVolumeClaimRetentionPolicy: unknown;
                volumeClaimTemplates: { metadata: { name: string } }[];
                serviceName: string;
            };
        };
        assert.deepEqual(statefulSet.spec.persistentVolumeClaimRetentionPolicy, { whenDeleted: "Retain", whenScaled: "Retain" });
        assert.equal(statefulSet.spec.volumeClaimTemplates[0].metadata.name, "data");
    });

    it("keeps mongodb-secret with the namespace: MongoDB only creates its users on an empty volume", async () => {
        const seen = await registrations({});
        const secrets = seen.filter((r) => r.type === "kubernetes:core/v1:Secret");
        assert.deepEqual(
            secrets.filter((r) => r.opts.retainOnDelete).map((r) => r.name),
            ["abcdesktop-mongodb-secret"],
        );
    });

    it("uses given MongoDB passwords instead of generating them, to re-attach to retained data", async () => {
        const platform = await deployPlatform({ mongodb: { rootPassword: "r".repeat(20), pyosPassword: "p".repeat(20) } });
        assert.equal(
            platform.resources.filter((r) => r.type === "random:index/randomPassword:RandomPassword" && r.name.includes("mongodb")).length,
            0,
        );
        const data = find(platform.manifests, "Secret", "mongodb-secret").stringData as Record<string, string>;
        assert.equal(data.mongo_initdb_root_password, "r".repeat(20));
        assert.match(data.mongodb_url, new RegExp(`^mongodb://pyos:${"p".repeat(20)}@`));
    });

    it("keeps home directories on the node: the PersistentVolume's reclaim policy is Retain", async () => {
        const seen = await registrations({});
        const volume = unwrapSecrets(one(seen, "kubernetes:core/v1:PersistentVolume").props) as {
            spec: { persistentVolumeReclaimPolicy: string };
        };
        assert.equal(volume.spec.persistentVolumeReclaimPolicy, "Retain");
    });

    it("deletes everything, data included, only when retainDataOnDestroy is false", async () => {
        const seen = await registrations({ retainDataOnDestroy: false });
        assert.notEqual(one(seen, "kubernetes:core/v1:Namespace").opts.retainOnDelete, true);
        assert.ok(!seen.some((r) => r.opts.retainOnDelete), "nothing is kept");
        const statefulSet = unwrapSecrets(one(seen, "kubernetes:apps/v1:StatefulSet").props) as {
            spec: { persistentVolumeClaimRetentionPolicy: { whenDeleted: string } };
        };
        assert.equal(statefulSet.spec.persistentVolumeClaimRetentionPolicy.whenDeleted, "Delete");
    });

    it("creates no Namespace to keep when deploying into an existing one", async () => {
        const seen = await registrations({ createNamespace: false, namespace: "team-desktops" });
        assert.equal(seen.filter((r) => r.type === "kubernetes:core/v1:Namespace").length, 0);
    });
});
