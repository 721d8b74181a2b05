// Two stacks in one cluster, one with a private registry: names, pull secrets and isolation.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { DeployedPlatform, deployPlatforms, find, podTemplate, WORKLOAD_KINDS } from "./support/platform";

const CLUSTER_SCOPED = ["ClusterRole", "ClusterRoleBinding", "StorageClass", "PersistentVolume", "Namespace"];

describe("two instances in two namespaces, with registry credentials", () => {
    let platform: DeployedPlatform;
    before(async () => {
        platform = await deployPlatforms({
            seed: {
                registry: { credentials: { server: "registry.example.com", username: "deploy", password: "s3cret-token" } },
            },
            staging: {
                namespace: "abcdesktop-staging",
                clusterDomain: "k8s.example.internal",
                exposure: { nodePort: 30500 },
                registry: {
                    credentials: {
                        dockerConfigJson: JSON.stringify({ auths: { "ghcr.io": { auth: Buffer.from("bot:pat").toString("base64") } } }),
                    },
                },
            },
        });
    });

    it("stores the credentials as a dockerconfigjson Secret named abcdesktopregistrysecret in each namespace", () => {
        const seed = find(platform.manifests, "Secret", "abcdesktopregistrysecret", "abcdesktop");
        assert.equal(seed.type, "kubernetes.io/dockerconfigjson");
        const document = JSON.parse((seed.stringData as Record<string, string>)[".dockerconfigjson"]);
        const entry = document.auths["registry.example.com"];
        assert.equal(Buffer.from(entry.auth, "base64").toString(), "deploy:s3cret-token");
        const staging = find(platform.manifests, "Secret", "abcdesktopregistrysecret", "abcdesktop-staging");
        assert.ok(JSON.parse((staging.stringData as Record<string, string>)[".dockerconfigjson"]).auths["ghcr.io"]);
    });

    it("makes every pod pull with the registry Secret, and tells pyos to give it to user pods", () => {
        for (const workload of platform.manifests.filter((m) => WORKLOAD_KINDS.includes(m.kind))) {
            assert.deepEqual(podTemplate(workload).spec.imagePullSecrets, [{ name: "abcdesktopregistrysecret" }], workload.metadata.name);
        }
        for (const namespace of ["abcdesktop", "abcdesktop-staging"]) {
            const odConfig = (find(platform.manifests, "ConfigMap", "abcdesktop-config", namespace).data as Record<string, string>)[
                "od.config"
            ];
            assert.match(odConfig, /abcdesktopregistrysecret/);
        }
    });

    it("keeps the seed's cluster-scoped names for the seed namespace and suffixes them for any other", () => {
        const clusterNames = platform.manifests.filter((m) => CLUSTER_SCOPED.includes(m.kind)).map((m) => `${m.kind}/${m.metadata.name}`);
        for (const name of [
            "ClusterRole/pyos-role",
            "ClusterRoleBinding/pyos-rbac",
            "StorageClass/storage-local-abcdesktop",
            "PersistentVolume/pv-volume-home-directory",
        ]) {
            assert.ok(clusterNames.includes(name), name);
            assert.ok(clusterNames.includes(`${name}-abcdesktop-staging`), `${name}-abcdesktop-staging`);
        }
        assert.equal(new Set(clusterNames).size, clusterNames.length, "no cluster-scoped name is shared");
    });

    it("shares no object between the two instances", () => {
        const identities = platform.manifests.map((m) => `${m.kind}/${m.metadata.namespace ?? ""}/${m.metadata.name}`);
        assert.equal(new Set(identities).size, identities.length);
        const staging = platform.manifests.filter((m) => m.metadata.namespace === "abcdesktop-staging");
        const seed = platform.manifests.filter((m) => m.metadata.namespace === "abcdesktop");
        assert.deepEqual(staging.map((m) => `${m.kind}/${m.metadata.name}`).sort(), seed.map((m) => `${m.kind}/${m.metadata.name}`).sort());
    });

    it("binds each ClusterRole to its own namespace's pyos and reserves each PersistentVolume for its own claim", () => {
        const binding = find(platform.manifests, "ClusterRoleBinding", "pyos-rbac-abcdesktop-staging") as unknown as {
            roleRef: { name: string };
            subjects: { namespace: string }[];
        };
        assert.equal(binding.roleRef.name, "pyos-role-abcdesktop-staging");
        assert.equal(binding.subjects[0].namespace, "abcdesktop-staging");
        const volume = find(platform.manifests, "PersistentVolume", "pv-volume-home-directory-abcdesktop-staging").spec as {
            claimRef: { namespace: string; name: string };
            storageClassName: string;
        };
        assert.deepEqual(volume.claimRef, { namespace: "abcdesktop-staging", name: "persistentvolumeclaim-home-directory" });
        assert.equal(volume.storageClassName, "storage-local-abcdesktop-abcdesktop-staging");
    });

    it("points nginx and pyos at their own namespace and cluster domain", () => {
        const site = (find(platform.manifests, "ConfigMap", "nginx-config", "abcdesktop-staging").data as Record<string, string>).default;
        const odConfig = (find(platform.manifests, "ConfigMap", "abcdesktop-config", "abcdesktop-staging").data as Record<string, string>)[
            "od.config"
        ];
        for (const text of [site, odConfig]) {
            assert.match(text, /abcdesktop-staging\.svc\.k8s\.example\.internal/);
            assert.doesNotMatch(text, /abcdesktop\.svc\.cluster\.local/);
        }
        const mongodbUrl = (find(platform.manifests, "Secret", "mongodb-secret", "abcdesktop-staging").stringData as Record<string, string>)
            .mongodb_url;
        assert.match(
            mongodbUrl,
            /^mongodb:\/\/pyos:[A-Za-z0-9]{32}@mongodb\.abcdesktop-staging\.svc\.k8s\.example\.internal:27017\/\?authSource=admin$/,
        );
        assert.equal(platform.outputs["staging.url"], "http://localhost:30500/");
    });
});
