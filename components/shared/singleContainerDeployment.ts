import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ComponentScope } from "./context";
import { podSpec } from "./podSpec";

/** What differs between the one-container Deployments of the seed (memcached, speedtest, OpenLDAP). */
export interface SingleContainerDeploymentSpec {
    /** Kubernetes name of the Deployment, e.g. `memcached-od`. */
    deploymentName: string;
    /** Labels that select the pods, upstream's `run: <deployment>`. */
    selector: Record<string, string>;
    /** Further pod labels upstream sets (e.g. `type: database`). */
    extraPodLabels?: Record<string, string>;
    container: k8s.types.input.core.v1.Container;
}

/** A one-replica Deployment of one container, as the seed runs its small services. */
export function singleContainerDeployment(
    scope: ComponentScope,
    spec: SingleContainerDeploymentSpec,
    opts: pulumi.CustomResourceOptions,
): k8s.apps.v1.Deployment {
    return new k8s.apps.v1.Deployment(
        `${scope.context.instance}-${spec.deploymentName}`,
        {
            metadata: scope.metadata(spec.deploymentName),
            spec: {
                replicas: 1,
                selector: { matchLabels: spec.selector },
                template: {
                    metadata: { labels: scope.podLabels({ ...spec.selector, ...spec.extraPodLabels }) },
                    spec: podSpec(scope.context, { containers: [spec.container] }),
                },
            },
        },
        opts,
    );
}
