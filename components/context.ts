import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AbcdesktopSettings } from "./settings";

/** What every child component of {@link Abcdesktop} shares: resolved settings and where its objects go. */
export interface DeploymentContext {
    /** Every setting, defaults applied. */
    settings: AbcdesktopSettings;
    /** Namespace for `metadata.namespace`; an output of the Namespace object when the component creates it, so children wait for it. */
    namespace: pulumi.Input<string>;
    /** Labels every object carries (never used in selectors, which stay upstream's). */
    commonLabels: Record<string, string>;
    /** Per-stack random key of the checksum annotations computed over secret content (a Pulumi secret). */
    checksumKey: pulumi.Output<string>;
    /** `imagePullSecrets` of every pod: the registry Secret when credentials are configured. */
    imagePullSecrets?: k8s.types.input.core.v1.LocalObjectReference[];
}

/** Metadata of an in-namespace object with the seed's name. */
export function namespacedMetadata(
    context: DeploymentContext,
    name: string,
    labels: Record<string, string> = {},
): k8s.types.input.meta.v1.ObjectMeta {
    return { name, namespace: context.namespace, labels: { ...context.commonLabels, ...labels } };
}

/** Metadata of a cluster-scoped object. */
export function clusterMetadata(
    context: DeploymentContext,
    name: string,
    labels: Record<string, string> = {},
): k8s.types.input.meta.v1.ObjectMeta {
    return { name, labels: { ...context.commonLabels, ...labels } };
}
