/**
 * Release 4.4 is upstream's: every object `kubernetes/abcdesktop-4.4.yaml` and `install-4.4.sh` create exists,
 * with upstream's kind, name, labels, selector, ports, images, environment, mounts, probes and resources (the
 * facts in tests/fixtures/upstream-4.4-objects.json). Where the package does better, the difference is named
 * below with its reason, and README's "Choosing a release" says it to users.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import type { KubernetesManifest } from "../components/render/manifests";
import { cpuCores, quantityBytes } from "../components/shared/quantity";
import { dataKeys, deployPlatform, find, podTemplate } from "./support/platform";

type Facts = Record<string, unknown> & { kind: string; name: string };
const UPSTREAM = (JSON.parse(readFileSync(join(__dirname, "fixtures", "upstream-4.4-objects.json"), "utf8")) as { objects: Facts[] })
    .objects;

/** Upstream volumes the package replaces, and why. */
const REPLACED_VOLUMES: Record<string, string> = {
    "mongodb-od/data": "MongoDB's data is on a PersistentVolumeClaim (volumeClaimTemplates), not an emptyDir lost with the pod",
};
/** Upstream RBAC rules a namespaced Role cannot grant. */
const CLUSTER_SCOPED = new Set(["persistentvolumes"]);

let manifests: KubernetesManifest[];
before(async () => {
    // The demo directory is part of upstream's manifest.
    manifests = (await deployPlatform({ release: "4.4", openldap: { enabled: true } })).manifests;
});

function normalQuantity(resource: string, value: unknown): number | undefined {
    const text = String(value);
    return resource === "cpu" ? cpuCores(text) : quantityBytes(text);
}

function normalResources(resources: unknown): Record<string, Record<string, number | undefined>> {
    return Object.fromEntries(
        Object.entries((resources ?? {}) as Record<string, Record<string, unknown>>).map(([kind, amounts]) => [
            kind,
            Object.fromEntries(Object.entries(amounts).map(([resource, value]) => [resource, normalQuantity(resource, value)])),
        ]),
    );
}

/** An env entry as the facts write it: `{name, value}`, `{name, fieldRef}` or `{name, secretKeyRef}`. */
function envFact(env: { name: string; value?: string; valueFrom?: Record<string, Record<string, string>> }): Record<string, unknown> {
    if (env.value !== undefined) return { name: env.name, value: env.value };
    if (env.valueFrom?.fieldRef) return { name: env.name, fieldRef: env.valueFrom.fieldRef.fieldPath };
    return { name: env.name, secretKeyRef: env.valueFrom?.secretKeyRef };
}

/** A volume as the facts write it: the object's name, the items' keys and paths, an octal `defaultMode`. */
function volumeFact(volume: Record<string, Record<string, unknown> | string>): Record<string, unknown> {
    const { name, ...source } = volume as Record<string, Record<string, unknown>> & { name: string };
    const projection = (object: Record<string, unknown>) => ({
        ...(object.items ? { items: (object.items as { key: string; path: string }[]).map(({ key, path }) => ({ key, path })) } : {}),
        ...(typeof object.defaultMode === "number" ? { defaultMode: `0${object.defaultMode.toString(8)}` } : {}),
    });
    if (source.secret) return { name, secret: source.secret.secretName, ...projection(source.secret) };
    if (source.configMap) return { name, configMap: source.configMap.name, ...projection(source.configMap) };
    if (source.emptyDir) return { name, emptyDir: {} };
    return { name, ...source };
}

function assertIncludes(ours: Record<string, unknown>, upstream: Record<string, unknown>, what: string): void {
    for (const [key, value] of Object.entries(upstream)) assert.deepEqual(ours[key], value, `${what}: ${key}`);
}

describe("release 4.4: upstream's objects", () => {
    for (const facts of UPSTREAM) {
        const id = `${facts.kind} ${facts.name}`;
        it(`${id} is upstream's`, () => {
            const ours = find(manifests, facts.kind, facts.name, "abcdesktop");
            assertIncludes(
                (ours.metadata.labels ?? {}) as Record<string, unknown>,
                (facts.labels as Record<string, string>) ?? {},
                `${id} labels`,
            );
            if (facts.dataKeys) assert.deepEqual(dataKeys(ours).sort(), [...(facts.dataKeys as string[])].sort(), `${id} keys`);
            if (facts.kind === "Service") assertService(ours, facts);
            if (facts.kind === "Deployment" || facts.kind === "StatefulSet") assertWorkload(ours, facts);
            if (facts.kind === "Role") {
                const upstreamRules = (facts.rules as { resources: string[] }[]).filter(
                    (rule) => !rule.resources.every((r) => CLUSTER_SCOPED.has(r)),
                );
                // A rule's verbs are a set: compared in one order.
                const sortedVerbs = (rules: { verbs: string[] }[]) => rules.map((rule) => ({ ...rule, verbs: [...rule.verbs].sort() }));
                assert.deepEqual(
                    sortedVerbs((ours as unknown as { rules: { verbs: string[] }[] }).rules),
                    sortedVerbs(upstreamRules as unknown as { verbs: string[] }[]),
                    `${id} rules`,
                );
            }
            if (facts.kind === "RoleBinding") {
                const binding = ours as unknown as { roleRef: unknown; subjects: { kind: string; name: string }[] };
                assert.deepEqual(binding.roleRef, facts.roleRef);
                assert.deepEqual(
                    binding.subjects.map(({ kind, name }) => ({ kind, name })),
                    facts.subjects,
                );
            }
        });
    }
});

function assertService(ours: KubernetesManifest, facts: Facts): void {
    const spec = ours.spec as { type?: string; clusterIP?: string; selector: unknown; ports?: Record<string, unknown>[] };
    assert.equal(spec.type ?? "ClusterIP", facts.type);
    assert.equal(spec.clusterIP, facts.clusterIP);
    assert.deepEqual(spec.selector, facts.selector);
    assert.deepEqual(spec.ports ?? [], facts.ports ?? []);
}

function assertWorkload(ours: KubernetesManifest, facts: Facts): void {
    const id = `${facts.kind} ${facts.name}`;
    const spec = ours.spec as Record<string, unknown> & { selector: { matchLabels: unknown } };
    const template = podTemplate(ours);
    const pod = template.spec as unknown as Record<string, unknown> & {
        containers: Record<string, unknown>[];
        initContainers?: Record<string, unknown>[];
        volumes?: Record<string, Record<string, unknown> | string>[];
    };
    assert.deepEqual(spec.selector.matchLabels, facts.selector, `${id} selector`);
    assertIncludes(template.metadata.labels, facts.podLabels as Record<string, string>, `${id} pod labels`);
    for (const key of ["serviceName", "replicas"] as const)
        if (facts[key] !== undefined) assert.equal(spec[key], facts[key], `${id} ${key}`);
    for (const key of ["serviceAccountName", "terminationGracePeriodSeconds"] as const) {
        if (facts[key] !== undefined) assert.equal(pod[key], facts[key], `${id} ${key}`);
    }
    const volumes = (pod.volumes ?? []).map(volumeFact);
    for (const volume of facts.volumes as Record<string, unknown>[]) {
        const replaced = REPLACED_VOLUMES[`${facts.name}/${String(volume.name)}`];
        if (replaced) {
            assert.ok(!volumes.some((v) => v.name === volume.name && v.emptyDir), `${id} ${String(volume.name)}: ${replaced}`);
            continue;
        }
        assert.deepEqual(
            volumes.find((v) => v.name === volume.name),
            volume,
            `${id} volume ${String(volume.name)}`,
        );
    }
    for (const container of facts.containers as Record<string, unknown>[]) {
        const list = container.type === "init" ? (pod.initContainers ?? []) : pod.containers;
        const mine = list.find((c) => c.name === container.name);
        const where = `${id} container ${String(container.name)}`;
        assert.ok(mine, `${where} exists`);
        // The pull policy is the registry setting's (IfNotPresent unless set): README says why, with the tags upstream moves.
        assert.equal(mine.image, container.image, `${where} image`);
        // Port names the package adds (`ldap`, `ldaps`) are left out where upstream names none.
        const upstreamPorts = (container.ports ?? []) as Record<string, unknown>[];
        const named = upstreamPorts.some((port) => port.name !== undefined);
        const minePorts = ((mine.ports ?? []) as Record<string, unknown>[]).map(({ name, ...port }) => (named ? { ...port, name } : port));
        assert.deepEqual(minePorts, upstreamPorts, `${where} ports`);
        for (const probe of ["livenessProbe", "startupProbe", "readinessProbe"] as const) {
            assert.deepEqual(mine[probe], container[probe], `${where} ${probe}`);
        }
        if (container.args) assert.deepEqual(mine.args, container.args, `${where} args`);
        assert.deepEqual(normalResources(mine.resources), normalResources(container.resources), `${where} resources`);
        const env = ((mine.env ?? []) as Parameters<typeof envFact>[0][]).map(envFact);
        for (const variable of (container.env ?? []) as Record<string, unknown>[]) {
            assert.deepEqual(
                env.find((e) => e.name === variable.name),
                variable,
                `${where} env ${String(variable.name)}`,
            );
        }
        const mounts = (mine.volumeMounts ?? []) as Record<string, unknown>[];
        for (const mount of (container.volumeMounts ?? []) as Record<string, unknown>[]) {
            if (REPLACED_VOLUMES[`${facts.name}/${String(mount.name)}`]) continue;
            const found = mounts.find((m) => m.mountPath === mount.mountPath);
            assert.ok(found, `${where} mounts ${String(mount.mountPath)}`);
            assertIncludes(found, mount, `${where} mount ${String(mount.mountPath)}`);
        }
        if (container.securityContext)
            assertIncludes(
                mine.securityContext as Record<string, unknown>,
                container.securityContext as Record<string, unknown>,
                `${where} securityContext`,
            );
    }
}
