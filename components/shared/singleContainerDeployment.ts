import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ComponentScope } from "./context";
import { PodOptions, podSpec } from "./podSpec";
import { deploymentReplicas, ScalingSettings } from "./scaling";

/** What differs between the one-container Deployments (memcached, speedtest, OpenLDAP; 4.4's router, website, console, pyos). */
export interface SingleContainerDeploymentSpec {
    /** Kubernetes name of the Deployment, e.g. `memcached-od`. */
    deploymentName: string;
    /** Labels that select the pods, upstream's `run: <deployment>` or `name: <deployment>`. */
    selector: Record<string, string>;
    /** Further pod labels upstream sets (e.g. `type: database`, `netpol/...`). */
    extraPodLabels?: Record<string, string>;
    /** Pod annotations, e.g. checksums of the Secrets the pod reads, so that it restarts when they change. */
    podAnnotations?: Record<string, pulumi.Input<string>>;
    /** Replicas (or none under an autoscaler); absent means one. */
    scaling?: ScalingSettings;
    container: k8s.types.input.core.v1.Container;
    initContainers?: k8s.types.input.core.v1.Container[];
    volumes?: k8s.types.input.core.v1.Volume[];
    /** Service account of the pods (only pyos calls the Kubernetes API). */
    serviceAccountName?: pulumi.Input<string>;
    podOptions?: PodOptions;
}

/** A Deployment of one container, as upstream runs its services. */
export function singleContainerDeployment(
    scope: ComponentScope,
    spec: SingleContainerDeploymentSpec,
    opts: pulumi.CustomResourceOptions,
): k8s.apps.v1.Deployment {
    return new k8s.apps.v1.Deployment(
        `${scope.context.instance}-${spec.deploymentName}`,
        {
            metadata: scope.metadata(spec.deploymentName, scope.roleLabel()),
            spec: {
                ...(spec.scaling ? deploymentReplicas(spec.scaling) : { replicas: 1 }),
                selector: { matchLabels: spec.selector },
                template: {
                    metadata: {
                        labels: scope.podLabels({ ...spec.selector, ...spec.extraPodLabels }),
                        ...(spec.podAnnotations ? { annotations: spec.podAnnotations } : {}),
                    },
                    spec: podSpec(
                        scope.context,
                        {
                            ...(spec.serviceAccountName ? { serviceAccountName: spec.serviceAccountName } : {}),
                            ...(spec.initContainers ? { initContainers: spec.initContainers } : {}),
                            containers: [spec.container],
                            ...(spec.volumes ? { volumes: spec.volumes } : {}),
                        },
                        spec.podOptions,
                    ),
                },
            },
        },
        opts,
    );
}
