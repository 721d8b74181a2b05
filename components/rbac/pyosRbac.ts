import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { clusterMetadata, DeploymentContext, namespacedMetadata } from "../context";
import { clusterScopedName } from "../naming";

export const PYOS_SERVICE_ACCOUNT = "pyos-serviceaccount";

const ALL_VERBS = ["get", "list", "watch", "create", "update", "patch", "delete"];

/** pyos's permissions in the seed's manifest: it creates, watches and execs into user pods and their Secrets. */
export const PYOS_RULES: k8s.types.input.rbac.v1.PolicyRule[] = [
    { apiGroups: [""], resources: ["nodes"], verbs: ["get", "watch", "list"] },
    { apiGroups: [""], resources: ["pods"], verbs: ALL_VERBS },
    { apiGroups: [""], resources: ["events"], verbs: ["get", "list", "watch"] },
    { apiGroups: [""], resources: ["pods/exec"], verbs: ALL_VERBS },
    { apiGroups: [""], resources: ["secrets"], verbs: ALL_VERBS },
    { apiGroups: [""], resources: ["pods/log"], verbs: ["get", "list", "watch"] },
];

/** ServiceAccount `pyos-serviceaccount`, ClusterRole `pyos-role` and ClusterRoleBinding `pyos-rbac`. */
export class PyosRbac extends pulumi.ComponentResource {
    public readonly serviceAccount: k8s.core.v1.ServiceAccount;
    public readonly clusterRole: k8s.rbac.v1.ClusterRole;
    public readonly clusterRoleBinding: k8s.rbac.v1.ClusterRoleBinding;

    constructor(name: string, context: DeploymentContext, opts?: pulumi.ComponentResourceOptions) {
        super("abcdesktop:index:PyosRbac", name, {}, opts);
        const namespace = context.settings.namespace;
        this.serviceAccount = new k8s.core.v1.ServiceAccount(
            `${name}-${PYOS_SERVICE_ACCOUNT}`,
            { metadata: namespacedMetadata(context, PYOS_SERVICE_ACCOUNT) },
            { parent: this },
        );
        this.clusterRole = new k8s.rbac.v1.ClusterRole(
            `${name}-pyos-role`,
            { metadata: clusterMetadata(context, clusterScopedName("pyos-role", namespace)), rules: PYOS_RULES },
            { parent: this },
        );
        this.clusterRoleBinding = new k8s.rbac.v1.ClusterRoleBinding(
            `${name}-pyos-rbac`,
            {
                metadata: clusterMetadata(context, clusterScopedName("pyos-rbac", namespace)),
                roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: this.clusterRole.metadata.name },
                subjects: [{ kind: "ServiceAccount", name: this.serviceAccount.metadata.name, namespace: context.namespace }],
            },
            { parent: this },
        );
        this.registerOutputs({});
    }
}
