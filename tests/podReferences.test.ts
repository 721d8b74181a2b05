// How workloads refer to the ConfigMaps, Secrets and ServiceAccounts their pods use. The provider replaces a
// ConfigMap or Secret whose data changes, deleting it first (its name is fixed); the engine then replaces every
// resource with an input taken from that object's outputs, and for a workload that input is its whole spec. So a
// key rotation or a new od.config would delete and recreate a DaemonSet, every pod down at once, where an update in
// place rolls them. These specify that no workload's spec takes anything from those objects, and that each workload
// still waits for every object it names.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import type { AbcdesktopArgs } from "../components/args";
import { components, evaluateInTestStack, WORKLOAD_KINDS } from "./support/platform";

const REFERENCED_KINDS = ["ConfigMap", "Secret", "ServiceAccount"];

interface Workload {
    name: string;
    spec: unknown;
    dependsOn: pulumi.Resource[];
}

/** A Kubernetes type token's kind, e.g. `kubernetes:apps/v1:DaemonSet` → `DaemonSet`. */
const kindOf = (type: string) => type.split(":").pop() ?? "";

/** Every Output inside a value built of plain objects, arrays and Outputs. */
function outputsIn(value: unknown, found: pulumi.Output<unknown>[] = []): pulumi.Output<unknown>[] {
    if (pulumi.Output.isInstance(value)) found.push(value);
    else if (Array.isArray(value)) value.forEach((item) => outputsIn(item, found));
    else if (value && typeof value === "object") Object.values(value).forEach((item) => outputsIn(item, found));
    return found;
}

// The SDK's record of the resources an Output was computed from (internal, so typed here).
interface OutputResources {
    allResources?: () => Promise<Set<pulumi.Resource>>;
    resources: () => Set<pulumi.Resource>;
}

async function resourcesBehind(value: unknown): Promise<Set<pulumi.Resource>> {
    const all = new Set<pulumi.Resource>();
    for (const output of outputsIn(value)) {
        const tracked = output as unknown as OutputResources;
        for (const resource of tracked.allResources ? await tracked.allResources() : tracked.resources()) all.add(resource);
    }
    return all;
}

/** The names a pod template gives for ConfigMaps, Secrets and ServiceAccounts, as `Kind/name`. */
function namedInPodSpec(spec: unknown): string[] {
    const podSpec = (spec as { template: { spec: Record<string, unknown> } }).template.spec;
    const names: string[] = [];
    const visit = (value: unknown): void => {
        if (Array.isArray(value)) return value.forEach(visit);
        if (!value || typeof value !== "object" || pulumi.Output.isInstance(value)) return;
        const object = value as Record<string, unknown>;
        if (object.configMap) names.push(`ConfigMap/${String((object.configMap as { name: unknown }).name)}`);
        if (object.secret) names.push(`Secret/${String((object.secret as { secretName: unknown }).secretName)}`);
        if (object.secretKeyRef) names.push(`Secret/${String((object.secretKeyRef as { name: unknown }).name)}`);
        Object.values(object).forEach(visit);
    };
    visit(podSpec);
    for (const pullSecret of (podSpec.imagePullSecrets as { name: unknown }[] | undefined) ?? [])
        names.push(`Secret/${String(pullSecret.name)}`);
    if (podSpec.serviceAccountName) names.push(`ServiceAccount/${String(podSpec.serviceAccountName)}`);
    return names;
}

/** Each workload's spec and dependencies, and each referable object by `Kind/name`, as the SDK constructed them. */
async function constructed(args: AbcdesktopArgs) {
    const workloads: Workload[] = [];
    const objects = new Map<pulumi.Resource, string>();
    await evaluateInTestStack(() => {
        const { Abcdesktop } = components();
        const collect: pulumi.ResourceTransformation = ({ type, props, opts }) => {
            const kind = kindOf(type);
            const name = (props.metadata as { name?: unknown } | undefined)?.name;
            if (WORKLOAD_KINDS.includes(kind)) {
                workloads.push({
                    name: `${kind}/${String(name)}`,
                    spec: props.spec,
                    dependsOn: (opts.dependsOn ?? []) as pulumi.Resource[],
                });
            }
            return undefined;
        };
        const record: pulumi.ResourceTransformation = ({ type, props, resource }) => {
            const kind = kindOf(type);
            const name = (props.metadata as { name?: unknown } | undefined)?.name;
            if (REFERENCED_KINDS.includes(kind) && typeof name === "string") objects.set(resource, `${kind}/${name}`);
            return undefined;
        };
        new Abcdesktop("abcdesktop", args, { transformations: [collect, record] });
        return {};
    });
    return { workloads, objects };
}

const CREDENTIALS = { server: "registry.example.com", username: "deploy", password: "s3cret-token" };

const PLATFORMS: [string, AbcdesktopArgs][] = [
    [
        "1.0 with every optional object",
        {
            openldap: { enabled: true },
            registry: { credentials: CREDENTIALS },
            desktop: { printer: { enabled: true } },
            imagePrePull: { enabled: true },
        },
    ],
    [
        "4.4 with every optional object",
        {
            release: "4.4",
            openldap: { enabled: true },
            registry: { credentials: CREDENTIALS },
            pyos: { managerApiKey: "a-manager-api-key-0123456789" },
            mongodb: { replicas: 3 },
            imagePrePull: { enabled: true },
        },
    ],
];

describe("workloads and the objects their pods name", () => {
    for (const [title, args] of PLATFORMS) {
        it(`${title}: no workload's spec is computed from a ConfigMap, Secret or ServiceAccount`, async () => {
            const { workloads, objects } = await constructed(args);
            assert.ok(workloads.length >= 5, `${workloads.length} workloads`);
            for (const workload of workloads) {
                const behind = [...(await resourcesBehind(workload.spec))].flatMap((resource) => objects.get(resource) ?? []);
                assert.deepEqual(behind, [], `${workload.name}'s spec takes outputs of ${behind.join(", ")}`);
            }
        });

        it(`${title}: every workload depends on each object its pods name, and each of them exists`, async () => {
            const { workloads, objects } = await constructed(args);
            const existing = new Set(objects.values());
            for (const workload of workloads) {
                const named = [...new Set(namedInPodSpec(workload.spec))].sort();
                const dependedOn = workload.dependsOn.flatMap((resource) => objects.get(resource) ?? []);
                for (const name of named) {
                    assert.ok(existing.has(name), `${workload.name} names ${name}, which the deployment does not create`);
                    assert.ok(dependedOn.includes(name), `${workload.name} names ${name} but does not depend on it`);
                }
            }
        });
    }
});
