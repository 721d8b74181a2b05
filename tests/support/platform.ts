import * as pulumi from "@pulumi/pulumi";
import type { AbcdesktopArgs } from "../../components/args";
import { evaluateProgram, ProgramEvaluation } from "../../components/render/evaluateProgram";
import { KubernetesManifest, kubernetesManifests } from "../../components/render/manifests";
import { RegisteredResource } from "../../components/testing/mocks";

/** The package, loaded only when called: resources created before the mocks are installed would be lost. */
export function components(): typeof import("../../components") {
    return require("../../components") as typeof import("../../components");
}

/** Runs a program under the mock engine as this project's `test` stack, with no stack config. */
export function evaluateInTestStack(program: () => unknown): Promise<ProgramEvaluation> {
    return evaluateProgram({ project: "abcdesktop", stack: "test", config: {}, secretKeys: [], program });
}

export interface Registration {
    type: string;
    name: string;
    opts: pulumi.ResourceOptions;
    props: Record<string, unknown>;
}

/** Deploys the component and returns every child's type, name, inputs and resource options as the SDK saw them. */
export async function registrations(args: AbcdesktopArgs): Promise<Registration[]> {
    const seen: Registration[] = [];
    await evaluateInTestStack(() => {
        const { Abcdesktop } = components();
        // Transformations run in the SDK itself, so they see the options mocks never receive.
        const record: pulumi.ResourceTransformation = ({ type, name, opts, props }) => {
            seen.push({ type, name, opts, props });
            return undefined;
        };
        new Abcdesktop("abcdesktop", args, { transformations: [record] });
        return {};
    });
    return seen;
}

/** A component deployed under the mock engine: what was registered and the Kubernetes objects, secrets shown. */
export interface DeployedPlatform {
    resources: RegisteredResource[];
    manifests: KubernetesManifest[];
    outputs: Record<string, unknown>;
}

/** Deploys one Abcdesktop component per entry (name to args) and returns everything registered. */
export async function deployPlatforms(instances: Record<string, AbcdesktopArgs>): Promise<DeployedPlatform> {
    const evaluation = await evaluateInTestStack(() => {
        const { Abcdesktop } = components();
        const outputs: Record<string, unknown> = {};
        for (const [name, args] of Object.entries(instances)) {
            const platform = new Abcdesktop(name, args);
            outputs[`${name}.url`] = platform.url;
            outputs[`${name}.namespace`] = platform.namespace;
            outputs[`${name}.serviceNames`] = platform.serviceNames;
            outputs[`${name}.secretNames`] = platform.secretNames;
            outputs[`${name}.configMapNames`] = platform.configMapNames;
            outputs[`${name}.clusterObjectNames`] = platform.clusterObjectNames;
        }
        return outputs;
    });
    return { ...evaluation, manifests: kubernetesManifests(evaluation.resources, true), outputs: evaluation.exports };
}

/** Deploys one component named `abcdesktop`. */
export function deployPlatform(args: AbcdesktopArgs = {}): Promise<DeployedPlatform> {
    return deployPlatforms({ abcdesktop: args });
}

/** The one object of that kind and name; fails the test when it is missing or ambiguous. */
export function find(manifests: KubernetesManifest[], kind: string, name: string, namespace?: string): KubernetesManifest {
    const found = manifests.filter(
        (m) => m.kind === kind && m.metadata.name === name && (namespace === undefined || m.metadata.namespace === namespace),
    );
    if (found.length !== 1) {
        throw new Error(`expected one ${kind} ${name}${namespace ? ` in ${namespace}` : ""}, found ${found.length}`);
    }
    return found[0];
}

/** The pod template of a workload object. */
export function podTemplate(workload: KubernetesManifest): { metadata: { labels: Record<string, string> }; spec: PodSpec } {
    return (workload.spec as { template: { metadata: { labels: Record<string, string> }; spec: PodSpec } }).template;
}

export interface Container {
    name: string;
    image: string;
    imagePullPolicy?: string;
    ports?: { containerPort: number; name?: string }[];
    env?: {
        name: string;
        value?: string;
        valueFrom?: {
            secretKeyRef?: { name: string; key: string };
            configMapKeyRef?: { name: string; key: string };
            fieldRef?: { apiVersion?: string; fieldPath: string };
        };
    }[];
    volumeMounts?: { name: string; mountPath: string; subPath?: string; readOnly?: boolean }[];
}

export interface PodSpec {
    containers: Container[];
    initContainers?: Container[];
    volumes?: {
        name: string;
        secret?: { secretName: string };
        configMap?: { name: string };
        persistentVolumeClaim?: { claimName: string };
    }[];
    imagePullSecrets?: { name: string }[];
    serviceAccountName?: string;
}

export const WORKLOAD_KINDS = ["Deployment", "DaemonSet", "StatefulSet"];

/** Data keys of a Secret or ConfigMap (`data` and `stringData`). */
export function dataKeys(object: KubernetesManifest): string[] {
    return [...Object.keys((object.data as object) ?? {}), ...Object.keys((object.stringData as object) ?? {})];
}

/** True when every entry of `subset` is in `labels`. */
export function labelsMatch(subset: Record<string, string>, labels: Record<string, string>): boolean {
    return Object.entries(subset).every(([k, v]) => labels[k] === v);
}
