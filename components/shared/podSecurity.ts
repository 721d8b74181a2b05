/** The Pod Security Standards level a namespace enforces, or none of ours. */
export const PodSecurityLevel = {
    /** No label: the cluster's default level applies. */
    none: "none",
    /** Every pod is admitted, host mounts included. */
    privileged: "privileged",
    /** Known privilege escalations are refused: host namespaces, host paths, privileged containers. */
    baseline: "baseline",
} as const;
/** The Pod Security Standards level a namespace enforces, or none of ours. */
export type PodSecurityLevel = (typeof PodSecurityLevel)[keyof typeof PodSecurityLevel];

/** The label Pod Security Admission reads on a namespace to decide which pods it admits. */
export const POD_SECURITY_ENFORCE_LABEL = "pod-security.kubernetes.io/enforce";

/** The namespace labels of a level: none for `none`, so the cluster's default applies as it did before the setting. */
export function podSecurityLabels(level: PodSecurityLevel): Record<string, string> {
    return level === "none" ? {} : { [POD_SECURITY_ENFORCE_LABEL]: level };
}
