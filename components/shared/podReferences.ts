import * as pulumi from "@pulumi/pulumi";
import { DeploymentContext } from "./context";
import { readinessTimeouts } from "./readiness";

/**
 * The options of a workload (DaemonSet, Deployment, StatefulSet) whose pods name other objects: a ConfigMap or
 * Secret they mount or read, their ServiceAccount, the registry Secret. The pod template names each by its fixed
 * Kubernetes name, as text; the objects are dependencies of the workload through `dependsOn` only, so they are
 * still created first.
 *
 * Why not their `metadata.name` outputs: the provider replaces a ConfigMap or Secret whose data changes (a key
 * rotation, a new od.config) and, its name being fixed, deletes it first. The engine then asks whether each
 * resource with an input taken from it must be replaced too, that input made unknown: for a workload the input is
 * its whole `spec`, selector included, and the answer is yes. The DaemonSet, Deployment or StatefulSet was deleted
 * and created again, every pod down at once, where an update in place rolls them one at a time.
 *
 * The wait for the workload's pods lasts the platform's `readinessTimeoutSeconds`.
 */
export function workloadOptions(
    context: DeploymentContext,
    parent: pulumi.Resource,
    referenced: (pulumi.Resource | undefined)[],
    extraDependencies: pulumi.Resource[] = [],
): pulumi.CustomResourceOptions {
    const dependsOn = [...(context.podDependencies ?? []), ...referenced, ...extraDependencies].filter(
        (resource): resource is pulumi.Resource => resource !== undefined,
    );
    return { parent, dependsOn, customTimeouts: readinessTimeouts(context.platform) };
}
