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

/** What only exists cluster-wide: pyos reads nodes to place desktops and check images. */
export const PYOS_CLUSTER_RULES: PolicyRule[] = [{ apiGroups: [""], resources: ["nodes"], verbs: ["get", "watch", "list"] }];

/**
 * ServiceAccount `pyos-serviceaccount` and its rights. By default a Role and RoleBinding (`pyos-role`,
 * `pyos-rbac`) confine pod, exec, log, event and Secret access to the namespace, and a ClusterRole and
 * ClusterRoleBinding of the same names grant only node reads. With `clusterWide` the ClusterRole holds
 * every rule, as in the upstream manifest, which lets pyos read and write every Secret of the cluster.
 */
export class PyosRbac extends pulumi.ComponentResource {
    public readonly serviceAccount: k8s.core.v1.ServiceAccount;
    public readonly clusterRole: k8s.rbac.v1.ClusterRole;
    public readonly clusterRoleBinding: k8s.rbac.v1.ClusterRoleBinding;
    /** The namespaced Role, absent with `clusterWide`. */
    public readonly role?: k8s.rbac.v1.Role;
    public readonly roleBinding?: k8s.rbac.v1.RoleBinding;

    constructor(context: DeploymentContext, clusterWide: boolean, opts?: pulumi.ComponentResourceOptions) {
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
        this.clusterRole = new k8s.rbac.v1.ClusterRole(
            `${name}-pyos-role`,
            {
                metadata: scope.clusterMetadata(clusterScopedName("pyos-role", namespace)),
                rules: clusterWide ? [...PYOS_CLUSTER_RULES, ...PYOS_NAMESPACE_RULES] : PYOS_CLUSTER_RULES,
            },
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
        if (!clusterWide) {
            this.role = new k8s.rbac.v1.Role(
                `${name}-pyos-role-namespaced`,
                { metadata: scope.metadata("pyos-role"), rules: PYOS_NAMESPACE_RULES },
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
