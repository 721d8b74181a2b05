// What a cluster holds, as keys `Kind/namespace/name`, for suites that compare it with a stack's state.
import { stackFieldManager } from "../../components/shared/serverSideApply";
import { KubernetesObject, LocalCluster } from "./localCluster";

/** Kinds whose objects come and go on their own (audit trail, heartbeats), not because of what we deploy. */
const TRANSIENT_KINDS = new Set(["events", "events.events.k8s.io", "leases.coordination.k8s.io"]);

/** The key of an object in a cluster snapshot, as `stateObjects` spells a state's. */
export const keyOf = (o: KubernetesObject) => `${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;

/** Every listable kind but the transient ones: asked of the API server once per suite. */
export function listableKinds(cluster: LocalCluster): string[] {
    return cluster
        .kubectl(["api-resources", "--verbs=list", "-o", "name"])
        .split("\n")
        .filter((kind) => kind && !TRANSIENT_KINDS.has(kind) && kind !== "componentstatuses");
}

/** Every object of the given kinds, in every namespace, with who wrote it. */
export function everything(cluster: LocalCluster, kinds: string[]): Map<string, KubernetesObject> {
    return new Map(cluster.kubectlItems(["get", kinds.join(","), "--all-namespaces", "--show-managed-fields"]).map((o) => [keyOf(o), o]));
}

/** The objects the Pulumi Kubernetes provider wrote, sorted. */
export function writtenByPulumi(objects: Map<string, KubernetesObject>): string[] {
    return [...objects.values()]
        .filter((o) => o.metadata.managedFields?.some((f) => f.manager?.startsWith("pulumi-kubernetes")))
        .map(keyOf)
        .sort();
}

/**
 * `key: manager` for every Pulumi field manager but the stack's on these objects: another one (a killed run's, the
 * random one a stack had before 0.2) would co-own their fields and conflict with the next change of any of them.
 */
export function otherPulumiManagers(objects: [key: string, object: KubernetesObject][], stack: string): string[] {
    return objects.flatMap(([key, object]) =>
        (object.metadata.managedFields ?? [])
            .map((field) => field.manager ?? "")
            .filter((manager) => manager.startsWith("pulumi-kubernetes") && manager !== stackFieldManager(stack))
            .map((manager) => `${key}: ${manager}`),
    );
}
