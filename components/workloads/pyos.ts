import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { LDAP_BIND_PASSWORD_KEY } from "../auth/ldapDirectory";
import { contentChecksum } from "../checksums";
import { LDAP_BIND_PASSWORD_ENV } from "../config/odConfig";
import { DeploymentContext, namespacedMetadata } from "../context";
import { jwtKeyMounts } from "../keys/jwtKeys";
import { clusterIpService } from "./clusterIpService";
import { httpProbes, imageFields, podIdentityEnv, podSpec, resources } from "./podSpec";

export const PYOS_PORT = 8000;

/** What pyos mounts and runs as. */
export interface PyosDependencies {
    serviceAccount: k8s.core.v1.ServiceAccount;
    desktopPayloadSecret: k8s.core.v1.Secret;
    desktopSigningSecret: k8s.core.v1.Secret;
    userSigningSecret: k8s.core.v1.Secret;
    mongodbSecret: k8s.core.v1.Secret;
    odConfigMap: k8s.core.v1.ConfigMap;
    /** The od.config text in the ConfigMap. */
    odConfigText: string;
    /** Checksum identifying the keys in the three JWT Secrets (changes exactly when they do). */
    jwtKeysChecksum: pulumi.Input<string>;
    /** Checksum of the MongoDB URL pyos reads from `mongodb-secret`. */
    mongodbChecksum: pulumi.Input<string>;
    /** The Secret with the LDAP bind password, and its checksum, when pyos logs users in with LDAP. */
    ldapBind?: { secret: k8s.core.v1.Secret; checksum: pulumi.Input<string> };
}

/**
 * DaemonSet `daemonset-pyos` and Service `pyos`: the API server. It authenticates users, signs their JWTs and
 * creates their desktop pods through the Kubernetes API, hence its service account.
 */
export class Pyos extends pulumi.ComponentResource {
    public readonly daemonSet: k8s.apps.v1.DaemonSet;
    public readonly service: k8s.core.v1.Service;

    constructor(name: string, context: DeploymentContext, deps: PyosDependencies, opts?: pulumi.ComponentResourceOptions) {
        super("abcdesktop:index:Pyos", name, {}, opts);
        const selector = { name: "daemonset-pyospods" };
        const podLabels = {
            ...selector,
            run: "pyos-od",
            // Upstream's network-policy labels: what pyos is allowed to reach.
            ...Object.fromEntries(
                ["https", "ldaps", "cifs", "api", "dns", "mongodb", "memcached", "graylog"].map((peer) => [`netpol/${peer}`, "true"]),
            ),
        };
        const dockerSocket = context.settings.pyosMountDockerSocket;
        const jwtKeys = jwtKeyMounts([
            ["desktopSigning", deps.desktopSigningSecret],
            ["userSigning", deps.userSigningSecret],
            ["desktopPayload", deps.desktopPayloadSecret],
        ]);
        this.daemonSet = new k8s.apps.v1.DaemonSet(
            `${name}-daemonset-pyos`,
            {
                metadata: namespacedMetadata(context, "daemonset-pyos"),
                spec: {
                    selector: { matchLabels: selector },
                    updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1 } },
                    template: {
                        metadata: {
                            labels: podLabels,
                            annotations: {
                                "checksum/od-config": contentChecksum("", [deps.odConfigText]),
                                "checksum/jwt-keys": deps.jwtKeysChecksum,
                                "checksum/mongodb-secret": deps.mongodbChecksum,
                                ...(deps.ldapBind ? { "checksum/ldap-bind": deps.ldapBind.checksum } : {}),
                            },
                        },
                        spec: podSpec(
                            context,
                            {
                                serviceAccountName: deps.serviceAccount.metadata.name,
                                dnsPolicy: "ClusterFirst",
                                containers: [
                                    {
                                        name: "pyos",
                                        ...imageFields(context.settings.images.pyos),
                                        command: ["/var/pyos/od.py"],
                                        ports: [{ containerPort: PYOS_PORT }],
                                        env: [
                                            ...podIdentityEnv(),
                                            {
                                                name: "MONGODB_URL",
                                                valueFrom: { secretKeyRef: { name: deps.mongodbSecret.metadata.name, key: "mongodb_url" } },
                                            },
                                            ...(deps.ldapBind
                                                ? [
                                                      {
                                                          name: LDAP_BIND_PASSWORD_ENV,
                                                          valueFrom: {
                                                              secretKeyRef: {
                                                                  name: deps.ldapBind.secret.metadata.name,
                                                                  key: LDAP_BIND_PASSWORD_KEY,
                                                              },
                                                          },
                                                      },
                                                  ]
                                                : []),
                                        ],
                                        volumeMounts: [
                                            ...jwtKeys.volumeMounts,
                                            {
                                                name: "volume-abcdesktop-config",
                                                mountPath: "/var/pyos/od.config",
                                                subPath: "od.config",
                                                readOnly: true,
                                            },
                                            ...(dockerSocket ? [{ name: "docker-socket", mountPath: "/var/run/docker.sock" }] : []),
                                        ],
                                        ...httpProbes("/API/healthz", PYOS_PORT),
                                        resources: resources(context.settings.resources.pyos),
                                    },
                                ],
                                volumes: [
                                    ...jwtKeys.volumes,
                                    { name: "volume-abcdesktop-config", configMap: { name: deps.odConfigMap.metadata.name } },
                                    // Only on docker nodes: the kubelet refuses to start the pod when the socket is missing.
                                    ...(dockerSocket
                                        ? [{ name: "docker-socket", hostPath: { path: "/var/run/docker.sock", type: "Socket" } }]
                                        : []),
                                ],
                            },
                            { usesKubernetesApi: true },
                        ),
                    },
                },
            },
            { parent: this },
        );
        this.service = clusterIpService(
            name,
            context,
            "pyos",
            { run: "pyos-od" },
            [{ port: PYOS_PORT, targetPort: PYOS_PORT, protocol: "TCP" }],
            { parent: this },
        );
        this.registerOutputs({});
    }
}
