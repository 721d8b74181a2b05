// What every pod of every configuration holds to: pinned images, no service account token unless it calls the API,
// the registry's pull secret when there is one, no privilege escalation, seccomp.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { AbcdesktopArgs } from "../components/args";
import type { KubernetesManifest } from "../components/render/manifests";
import { defaultSettings } from "../components/settings";
import { deployPlatform, podTemplate, WORKLOAD_KINDS } from "./support/platform";

/** Every optional part on, and a private registry. */
const EVERYTHING: AbcdesktopArgs = {
    registry: { credentials: { server: "registry.example.com", username: "deploy", password: "token" } },
    openldap: { enabled: true },
    imagePrePull: { enabled: true },
    desktop: { printer: { enabled: true }, sound: { enabled: true }, homeDirectory: { type: "persistentVolumeClaim" } },
};

interface Container {
    name: string;
    image: string;
    securityContext?: { allowPrivilegeEscalation?: boolean };
}

function containers(workload: KubernetesManifest): Container[] {
    const spec = podTemplate(workload).spec as unknown as { containers: Container[]; initContainers?: Container[] };
    return [...spec.containers, ...(spec.initContainers ?? [])];
}

/** Every image default of the settings tree: an object with a repository. */
function defaultImages(tree: unknown, path = ""): [string, { repository: string; tag?: string; digest?: string }][] {
    if (tree === null || typeof tree !== "object" || Array.isArray(tree)) return [];
    if ("repository" in tree) return [[path, tree as { repository: string; tag?: string }]];
    return Object.entries(tree).flatMap(([key, child]) => defaultImages(child, path ? `${path}.${key}` : key));
}

describe("every pod, with every optional part on and a private registry", () => {
    let workloads: KubernetesManifest[];
    before(async () => {
        workloads = (await deployPlatform(EVERYTHING)).manifests.filter((m) => WORKLOAD_KINDS.includes(m.kind));
        assert.equal(workloads.length, 7, workloads.map((w) => w.metadata.name).join(", "));
    });

    it("runs images pinned by a version tag or a digest, never latest", () => {
        for (const workload of workloads) {
            for (const container of containers(workload)) {
                const [, tag] = /:([^/:@]+)(@|$)/.exec(container.image) ?? [];
                assert.ok(tag || container.image.includes("@sha256:"), `${workload.metadata.name}/${container.name}: ${container.image}`);
                assert.notEqual(tag, "latest", `${workload.metadata.name}/${container.name}: ${container.image}`);
            }
        }
    });

    it("mounts a service account token only in pyos, the one pod that calls the Kubernetes API", () => {
        const withToken = workloads.filter(
            (w) => (podTemplate(w).spec as { automountServiceAccountToken?: boolean }).automountServiceAccountToken !== false,
        );
        assert.deepEqual(
            withToken.map((w) => w.metadata.name),
            ["daemonset-pyos"],
        );
    });

    it("pulls with the registry's Secret in every pod", () => {
        for (const workload of workloads) {
            assert.deepEqual(podTemplate(workload).spec.imagePullSecrets, [{ name: "abcdesktopregistrysecret" }], workload.metadata.name);
        }
    });

    it("allows no privilege escalation and runs under seccomp's runtime default", () => {
        for (const workload of workloads) {
            const spec = podTemplate(workload).spec as { securityContext?: { seccompProfile?: { type: string } } };
            assert.equal(spec.securityContext?.seccompProfile?.type, "RuntimeDefault", workload.metadata.name);
            for (const container of containers(workload)) {
                assert.equal(container.securityContext?.allowPrivilegeEscalation, false, `${workload.metadata.name}/${container.name}`);
            }
        }
    });
});

describe("image defaults", () => {
    it("pin every image by a version tag or a digest, never latest", () => {
        const images = defaultImages(defaultSettings());
        assert.ok(images.length >= 10, `${images.length} image defaults`);
        for (const [path, image] of images) {
            assert.ok(image.tag || image.digest, `${path}: no tag or digest`);
            assert.notEqual(image.tag, "latest", path);
        }
        for (const reference of defaultSettings().imagePrePull.applications) assert.doesNotMatch(reference, /:latest$|^[^:@]+$/, reference);
    });
});
