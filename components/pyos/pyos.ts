import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { JwtKeys, jwtKeyMounts } from "../jwtKeys/jwtKeys";
import { Mongodb, MONGODB_SECRET_NAME } from "../mongodb/mongodb";
import { movedFromComponent, movedFromRoot } from "../shared/aliases";
import { contentChecksum } from "../shared/checksums";
import { clusterIpService } from "../shared/clusterIpService";
import { ComponentScope, DeploymentContext } from "../shared/context";
import { allowIngress } from "../shared/networkPolicy";
import { httpProbes, imageFields, podIdentityEnv, podSpec } from "../shared/podSpec";
import { workloadOptions } from "../shared/podReferences";
import { resourceRequirements } from "../shared/resources";
import { dockerSocketGuard, NODE_RUN_MOUNT, POD_DOCKER_SOCKET_GUARD } from "./dockerSocketGuard";
import { LDAP_BIND_PASSWORD_ENV, MONGODB_URL_ENV } from "./environment";
import { PYOS_SERVICE_ACCOUNT, PyosRbac } from "./rbac";
import { PyosSettings } from "./settings";

export const PYOS_PORT = 8000;
export const LDAP_BIND_SECRET_NAME = "abcdesktop-ldap-bind";
/** ConfigMap of 1.0's od.config, upstream's name. */
export const OD_CONFIG_CONFIGMAP_NAME = "abcdesktop-config";
export const LDAP_BIND_PASSWORD_KEY = "bind_password";

/** What pyos runs as, mounts and reads. */
export interface PyosDependencies {
    rbac: PyosRbac;
    keys: JwtKeys;
    /** Checksum identifying the keys in the three JWT Secrets (changes exactly when they do). */
    jwtKeysChecksum: pulumi.Input<string>;
    mongodb: Mongodb;
    /** The od.config text of ConfigMap `abcdesktop-config`. */
    odConfigText: string;
    /** The password pyos binds to its LDAP directory with, when it logs users in with one. */
    ldapBindPassword?: pulumi.Input<string>;
}

/**
 * DaemonSet `daemonset-pyos`, Service `pyos`, ConfigMap `abcdesktop-config` (its od.config) and, with an LDAP
 * directory, Secret `abcdesktop-ldap-bind`: the API server. It authenticates users, signs their JWTs and creates
 * their desktop pods through the Kubernetes API, hence its service account.
 */
export class Pyos extends pulumi.ComponentResource {
    public readonly configMap: k8s.core.v1.ConfigMap;
    /** Secret `abcdesktop-ldap-bind`, absent without an LDAP directory. */
    public readonly ldapBindSecret?: k8s.core.v1.Secret;
    public readonly daemonSet: k8s.apps.v1.DaemonSet;
    public readonly service: k8s.core.v1.Service;

    constructor(context: DeploymentContext, settings: PyosSettings, deps: PyosDependencies, opts?: pulumi.ComponentResourceOptions) {
        const name = context.instance;
        super("abcdesktop:index:Pyos", name, {}, opts);
        const scope = new ComponentScope(context, "pyos");
        this.configMap = new k8s.core.v1.ConfigMap(
            `${name}-abcdesktop-config`,
            { metadata: scope.metadata(OD_CONFIG_CONFIGMAP_NAME), data: { "od.config": deps.odConfigText } },
            // Until 0.2 both ConfigMaps sat under one AbcdesktopConfigMaps component.
            { parent: this, aliases: [movedFromComponent(context, "abcdesktop:index:AbcdesktopConfigMaps")] },
        );
        // The bind password reaches pyos through its environment (od.config refers to the variable), so it never
        // sits in the od.config ConfigMap as it did upstream.
        const ldapBind =
            deps.ldapBindPassword === undefined
                ? undefined
                : {
                      secret: new k8s.core.v1.Secret(
                          `${name}-${LDAP_BIND_SECRET_NAME}`,
                          {
                              metadata: scope.metadata(LDAP_BIND_SECRET_NAME),
                              type: "Opaque",
                              stringData: { [LDAP_BIND_PASSWORD_KEY]: pulumi.secret(deps.ldapBindPassword) },
                          },
                          // Until 0.2 it sat directly under the Abcdesktop component.
                          { parent: this, aliases: [movedFromRoot(context)] },
                      ),
                      checksum: contentChecksum(context.checksumKey, [deps.ldapBindPassword]),
                  };
        this.ldapBindSecret = ldapBind?.secret;

        const selector = { name: "daemonset-pyospods" };
        const podLabels = {
            ...selector,
            run: "pyos-od",
            // Upstream's network-policy labels: what pyos is allowed to reach.
            ...Object.fromEntries(
                ["https", "ldaps", "cifs", "api", "dns", "mongodb", "memcached", "graylog"].map((peer) => [`netpol/${peer}`, "true"]),
            ),
        };
        const dockerSocket = settings.mountDockerSocket;
        const jwtKeys = jwtKeyMounts("1.0", [
            ["desktopSigning", deps.keys.secrets.desktopSigning],
            ["userSigning", deps.keys.secrets.userSigning],
            ["desktopPayload", deps.keys.secrets.desktopPayload],
        ]);
        this.daemonSet = new k8s.apps.v1.DaemonSet(
            `${name}-daemonset-pyos`,
            {
                metadata: scope.metadata("daemonset-pyos"),
                spec: {
                    selector: { matchLabels: selector },
                    updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1 } },
                    template: {
                        metadata: {
                            labels: scope.podLabels(podLabels),
                            annotations: {
                                "checksum/od-config": contentChecksum("", [deps.odConfigText]),
                                "checksum/jwt-keys": deps.jwtKeysChecksum,
                                "checksum/mongodb-secret": contentChecksum(context.checksumKey, [deps.mongodb.url]),
                                ...(ldapBind ? { "checksum/ldap-bind": ldapBind.checksum } : {}),
                            },
                        },
                        spec: podSpec(
                            context,
                            {
                                serviceAccountName: PYOS_SERVICE_ACCOUNT,
                                dnsPolicy: "ClusterFirst",
                                containers: [
                                    {
                                        name: "pyos",
                                        ...imageFields(scope.image(settings.image)),
                                        command: dockerSocket
                                            ? ["/bin/sh", "-c", dockerSocketGuard(POD_DOCKER_SOCKET_GUARD)]
                                            : ["/var/pyos/od.py"],
                                        ports: [{ containerPort: PYOS_PORT }],
                                        env: [
                                            ...podIdentityEnv(),
                                            {
                                                name: MONGODB_URL_ENV,
                                                valueFrom: {
                                                    secretKeyRef: { name: MONGODB_SECRET_NAME, key: "mongodb_url" },
                                                },
                                            },
                                            ...(ldapBind
                                                ? [
                                                      {
                                                          name: LDAP_BIND_PASSWORD_ENV,
                                                          valueFrom: {
                                                              secretKeyRef: {
                                                                  name: LDAP_BIND_SECRET_NAME,
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
                                            ...(dockerSocket ? [{ name: "node-run", mountPath: NODE_RUN_MOUNT, readOnly: true }] : []),
                                        ],
                                        ...httpProbes("/API/healthz", PYOS_PORT),
                                        resources: resourceRequirements(settings.resources),
                                    },
                                ],
                                volumes: [
                                    ...jwtKeys.volumes,
                                    { name: "volume-abcdesktop-config", configMap: { name: OD_CONFIG_CONFIGMAP_NAME } },
                                    ...(dockerSocket ? [{ name: "node-run", hostPath: { path: "/var/run", type: "Directory" } }] : []),
                                ],
                            },
                            { usesKubernetesApi: true },
                        ),
                    },
                },
            },
            workloadOptions(context, this, [
                ...jwtKeys.secrets,
                this.configMap,
                deps.mongodb.secret,
                ldapBind?.secret,
                deps.rbac.serviceAccount,
            ]),
        );
        this.service = clusterIpService(scope, "pyos", { run: "pyos-od" }, [{ port: PYOS_PORT, targetPort: PYOS_PORT, protocol: "TCP" }], {
            parent: this,
        });
        // The front end proxies the API; user desktops call it back.
        allowIngress(
            scope,
            {
                policyName: "pyos-od-permits",
                pods: { run: "pyos-od" },
                from: [{ "netpol/pyos": "true" }, { type: "x11server" }],
                ports: [PYOS_PORT],
                onlyDnsEgress: false,
            },
            { parent: this },
        );
        this.registerOutputs({});
    }
}
