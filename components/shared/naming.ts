/** A DNS-1123 label: what a namespace or a Service name must be. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** A DNS-1123 subdomain: dot-separated labels, such as a cluster domain or a StorageClass name. */
export const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The namespace the seed installs into: cluster-scoped objects of this namespace keep the seed's exact names. */
/** A Kubernetes label key: an optional DNS-subdomain prefix and '/', then a name of at most 63 characters. */
export const LABEL_KEY =
    /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
/** A Kubernetes label value: empty, or at most 63 letters, digits, '-', '_' or '.', starting and ending alphanumeric. */
export const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

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

/**
 * Throws unless namespace is a DNS label and clusterDomain a DNS name: both end up inside generated config
 * text, where anything else would break the file or inject settings.
 */
export function assertClusterNames(namespace: string, clusterDomain: string): void {
    if (namespace.length > 63 || !DNS_LABEL.test(namespace)) {
        throw new Error(`namespace ${JSON.stringify(namespace)} is not a DNS label (RFC 1123)`);
    }
    if (clusterDomain.length > 253 || !DNS_SUBDOMAIN.test(clusterDomain)) {
        throw new Error(`clusterDomain ${JSON.stringify(clusterDomain)} is not a DNS name such as cluster.local`);
    }
}
