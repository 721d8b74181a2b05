import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ImageArgs, ImageDefaults, ResolvedImage, resolveImage } from "./image";
import { Release } from "./settingsModule";

/** The platform-wide settings every component reads. */
export interface PlatformSettings {
    /** The release being installed, for what a component does differently in each (labels, names, files). */
    release: Release;
    /** Namespace of every namespaced object. */
    namespace: string;
    /** The cluster's DNS domain, in every service FQDN the components are given. */
    clusterDomain: string;
    /** Whether each component guards its pods with a NetworkPolicy. */
    networkPolicies: boolean;
    /** Whether `pulumi destroy` keeps data (namespace, MongoDB's claim and passwords). */
    retainDataOnDestroy: boolean;
    /** Registry prefix and pull policy of every image that does not set its own. */
    images: ImageDefaults;
    /** How long `pulumi up` waits for a workload's pods, or a LoadBalancer's address, to be ready (`readiness.ts`). */
    readinessTimeoutSeconds: number;
}

/** What every component of {@link Abcdesktop} shares: the platform settings and where its objects go. */
export interface DeploymentContext {
    platform: PlatformSettings;
    /** Namespace for `metadata.namespace`; an output of the Namespace object when the component creates it, so children wait for it. */
    namespace: pulumi.Input<string>;
    /** The Abcdesktop component's name: prefix of every child's Pulumi name, and the `instance` label. */
    instance: string;
    /** The Abcdesktop component, for the aliases of children that moved from one sub-component to another. */
    root: pulumi.Resource;
    /** Per-stack random key of the checksum annotations computed over secret content (a Pulumi secret). */
    checksumKey: pulumi.Output<string>;
    /**
     * The release, once checked against the one the stack ran before: every object's `app.kubernetes.io/version`
     * label, so that no object is registered when the check fails.
     */
    release: pulumi.Output<string>;
    /** `imagePullSecrets` of every pod: the registry Secret when credentials are configured. */
    imagePullSecrets?: k8s.types.input.core.v1.LocalObjectReference[];
    /** The objects every pod names ({@link imagePullSecrets}'s Secret): dependencies of every workload (see `workloadOptions`). */
    podDependencies?: pulumi.Resource[];
}

/** The standard labels of a component's objects (never in selectors, which stay upstream's). */
export function standardLabels(instance: string, component: string): Record<string, string> {
    return {
        "app.kubernetes.io/part-of": "abcdesktop",
        "app.kubernetes.io/managed-by": "pulumi",
        "app.kubernetes.io/instance": instance,
        "app.kubernetes.io/name": "abcdesktop",
        "app.kubernetes.io/component": component,
    };
}

/**
 * One component's view of the context: every object it creates carries the standard labels with its component
 * name (never in selectors, which stay upstream's), and its images fall back to the platform's registry settings.
 */
export class ComponentScope {
    constructor(
        readonly context: DeploymentContext,
        /** The `app.kubernetes.io/component` label value, e.g. `pyos`. */
        readonly component: string,
    ) {}

    get platform(): PlatformSettings {
        return this.context.platform;
    }

    /** The standard labels of this component's objects, the release among them, then `extra`. */
    labels(extra: Record<string, string> = {}): Record<string, pulumi.Input<string>> {
        return { ...standardLabels(this.context.instance, this.component), "app.kubernetes.io/version": this.context.release, ...extra };
    }

    /** Metadata of an in-namespace object. */
    metadata(name: string, labels: Record<string, string> = {}): k8s.types.input.meta.v1.ObjectMeta {
        return { name, namespace: this.context.namespace, labels: this.labels(labels) };
    }

    /** Metadata of a cluster-scoped object. */
    clusterMetadata(name: string, labels: Record<string, string> = {}): k8s.types.input.meta.v1.ObjectMeta {
        return { name, labels: this.labels(labels) };
    }

    /** Upstream 4.4's `abcdesktop/role` label (by default the component's name), which it gives most objects; 1.0 had none. */
    roleLabel(role: string = this.component): Record<string, string> {
        return this.context.platform.release === "1.0" ? {} : { "abcdesktop/role": role };
    }

    /**
     * Labels of a pod template: upstream's (selectors, network-policy peers) and the standard ones. Not the release:
     * a pod's image tags say it, and a label change would restart every pod when the package is upgraded.
     */
    podLabels(upstream: Record<string, string>): Record<string, string> {
        return { ...upstream, ...standardLabels(this.context.instance, this.component) };
    }

    /** An image with the platform's registry prefix and pull policy where it sets none. */
    image(image: ImageArgs): ResolvedImage {
        return resolveImage(image, this.context.platform.images);
    }
}
