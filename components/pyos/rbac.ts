import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ComponentScope, DeploymentContext } from "../shared/context";
import { clusterScopedName } from "../shared/naming";

export const PYOS_SERVICE_ACCOUNT = "pyos-serviceaccount";

type PolicyRule = k8s.types.input.rbac.v1.PolicyRule;
const ALL_VERBS = ["get", "list", "watch", "create", "update", "patch", "delete"];

/** What pyos does inside its namespace: create, watch and exec into user pods, and manage their Secrets. */
export const PYOS_NAMESPACE_RULES: PolicyRule[] = [
    { apiGroups: [""], resources: ["pods"], verbs: ALL_VERBS },
    { apiGroups: [""], resources: ["events"], verbs: ["get", "list", "watch"] },
    { apiGroups: [""], resources: ["pods/exec"], verbs: ALL_VERBS },
    { apiGroups: [""], resources: ["secrets"], verbs: ALL_VERBS },
    { apiGroups: [""], resources: ["pods/log"], verbs: ["get", "list", "watch"] },
];

/**
 * What pyos 4.4 does inside its namespace (upstream's `pyos-role`): the 1.0 rights, plus ephemeral containers
 * (applications started in a running desktop), the ConfigMaps and Secrets of each user, and home-directory
 * claims. Upstream's Role also lists PersistentVolumes, which are cluster-scoped: a Role cannot grant them.
 */
export const PYOS_4_4_NAMESPACE_RULES: PolicyRule[] = [
    { apiGroups: [""], resources: ["pods"], verbs: ALL_VERBS },
    { apiGroups: [""], resources: ["events"], verbs: ["get", "list", "watch"] },
    { apiGroups: [""], resources: ["pods/exec"], verbs: ALL_VERBS },
    { apiGroups: [""], resources: ["pods/ephemeralcontainers"], verbs: ALL_VERBS },
    { apiGroups: [""], resources: ["secrets"], verbs: ALL_VERBS },
    { apiGroups: [""], resources: ["configmaps"], verbs: ALL_VERBS },
    { apiGroups: [""], resources: ["pods/log"], verbs: ["get", "list", "watch"] },
    { apiGroups: [""], resources: ["persistentvolumeclaims"], verbs: ["get", "list", "watch", "update", "create", "delete"] },
];

/** What only exists cluster-wide: pyos reads nodes to place desktops and check images. */
export const PYOS_CLUSTER_RULES: PolicyRule[] = [{ apiGroups: [""], resources: ["nodes"], verbs: ["get", "watch", "list"] }];

/** Which rights pyos gets, and where. */
export interface PyosRights {
    /** What pyos does in its namespace. */
    namespaceRules: PolicyRule[];
    /** Grant node reads cluster-wide (always in 1.0; optional in 4.4, whose manifest has only the Role). */
    nodeReads: boolean;
    /** Grant the namespace rules cluster-wide too, as upstream's 1.x manifest did (1.0's `clusterWideRbac`). */
    clusterWide: boolean;
}

/**
 * ServiceAccount `pyos-serviceaccount` and its rights. A Role and RoleBinding (`pyos-role`, `pyos-rbac`) confine
 * pod, exec, log, event and Secret access to the namespace, and a ClusterRole and ClusterRoleBinding of the same
 * names grant node reads. With `clusterWide` the ClusterRole holds every rule, as in the upstream 1.x manifest,
 * which lets pyos read and write every Secret of the cluster.
 */
export class PyosRbac extends pulumi.ComponentResource {
    public readonly serviceAccount: k8s.core.v1.ServiceAccount;
    /** The ClusterRole, absent when pyos gets no cluster-wide right. */
    public readonly clusterRole?: k8s.rbac.v1.ClusterRole;
    public readonly clusterRoleBinding?: k8s.rbac.v1.ClusterRoleBinding;
    /** The namespaced Role, absent with `clusterWide`. */
    public readonly role?: k8s.rbac.v1.Role;
    public readonly roleBinding?: k8s.rbac.v1.RoleBinding;

    constructor(context: DeploymentContext, rights: PyosRights, opts?: pulumi.ComponentResourceOptions) {
        const { namespaceRules, nodeReads, clusterWide } = rights;
        const name = context.instance;
        super("abcdesktop:index:PyosRbac", name, {}, opts);
        const scope = new ComponentScope(context, "pyos");
        const { namespace } = context.platform;
        this.serviceAccount = new k8s.core.v1.ServiceAccount(
            `${name}-${PYOS_SERVICE_ACCOUNT}`,
            { metadata: scope.metadata(PYOS_SERVICE_ACCOUNT) },
            { parent: this },
        );
        const subjects = [{ kind: "ServiceAccount", name: this.serviceAccount.metadata.name, namespace: context.namespace }];
        const clusterRules = [...(nodeReads ? PYOS_CLUSTER_RULES : []), ...(clusterWide ? namespaceRules : [])];
        if (clusterRules.length > 0) {
            this.clusterRole = new k8s.rbac.v1.ClusterRole(
                `${name}-pyos-role`,
                { metadata: scope.clusterMetadata(clusterScopedName("pyos-role", namespace)), rules: clusterRules },
                { parent: this },
            );
            this.clusterRoleBinding = new k8s.rbac.v1.ClusterRoleBinding(
                `${name}-pyos-rbac`,
                {
                    metadata: scope.clusterMetadata(clusterScopedName("pyos-rbac", namespace)),
                    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: this.clusterRole.metadata.name },
                    subjects,
                },
                { parent: this },
            );
        }
        if (!clusterWide) {
            this.role = new k8s.rbac.v1.Role(
                `${name}-pyos-role-namespaced`,
                { metadata: scope.metadata("pyos-role"), rules: namespaceRules },
                { parent: this },
            );
            this.roleBinding = new k8s.rbac.v1.RoleBinding(
                `${name}-pyos-rbac-namespaced`,
                {
                    metadata: scope.metadata("pyos-rbac"),
                    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: this.role.metadata.name },
                    subjects,
                },
                { parent: this },
            );
        }
        this.registerOutputs({});
    }
}
