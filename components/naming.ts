/** The namespace the seed installs into: cluster-scoped objects of this namespace keep the seed's exact names. */
export const SEED_NAMESPACE = "abcdesktop";

/**
 * Name of a cluster-scoped object (ClusterRole, ClusterRoleBinding, StorageClass, PersistentVolume).
 * Two stacks in two namespaces of one cluster must not fight over one object, so any namespace other
 * than the seed's gets its own suffix.
 */
export function clusterScopedName(seedName: string, namespace: string): string {
    return namespace === SEED_NAMESPACE ? seedName : `${seedName}-${namespace}`;
}

/** The in-cluster DNS name of a Service. */
export function serviceFqdn(service: string, namespace: string, clusterDomain: string): string {
    return `${service}.${namespace}.svc.${clusterDomain}`;
}
