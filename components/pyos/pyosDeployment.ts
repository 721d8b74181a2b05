import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { JwtKeys, jwtKeyMounts } from "../jwtKeys/jwtKeys";
import { contentChecksum } from "../shared/checksums";
import { clusterIpService } from "../shared/clusterIpService";
import { ComponentScope, DeploymentContext } from "../shared/context";
import { ResolvedImage } from "../shared/image";
import { allowIngress } from "../shared/networkPolicy";
import { httpProbes, imageFields, podIdentityEnv } from "../shared/podSpec";
import { workloadOptions } from "../shared/podReferences";
import { resourceRequirements } from "../shared/resources";
import { MONGODB_SECRET_NAME_4_4 } from "../mongodb/replicaSet";
import { scalingObjects } from "../shared/scaling";
import { singleContainerDeployment } from "../shared/singleContainerDeployment";
import { MONGODB_URL_ENV } from "./environment";
import { OD_CONFIG_CONFIGMAP_NAME, PYOS_PORT } from "./pyos";
import { PYOS_SERVICE_ACCOUNT, PyosRbac } from "./rbac";
import { PyosSettings4_4 } from "./settings";
import { USER_TEMPLATES, userTemplateConfigMapName, userTemplateConfigMaps, UserTemplateFile } from "./userTemplates";

export const PYOS_CREDENTIALS_SECRET_NAME = "abcdesktop-pyos-credentials";

/** Where pyos 4.4 finds MongoDB. */
export interface PyosMongodbConnection {
    /** Secret `secret-mongodb`, whose key `MONGODB_URL` holds the URL with the password. */
    secret: k8s.core.v1.Secret;
    /** MongoDB's image: pyos's init container waits with its mongosh until MongoDB answers. */
    image: ResolvedImage;
    /** Checksum of the URL's password, so a new password restarts pyos. */
    checksum: pulumi.Input<string>;
}

/** What pyos 4.4 runs as, mounts and reads. */
export interface PyosDeploymentDependencies {
    rbac: PyosRbac;
    keys: JwtKeys;
    jwtKeysChecksum: pulumi.Input<string>;
    mongodb: PyosMongodbConnection;
    odConfigText: string;
    /** Secret values by the environment variable pyos reads each from (LDAP bind password, OAuth client secrets, manager API key). */
    credentials: Record<string, pulumi.Input<string>>;
}

const POD_LABELS = ["https", "ldaps", "auth", "cifs", "api", "dns", "mongodb", "memcached", "graylog", "router", "nginx"];

// Until MongoDB answers a ping: pyos resolves MongoDB's name once at start and exits when it cannot.
const WAIT_FOR_MONGODB =
    'until mongosh --host mongodb --quiet --eval "db.adminCommand(\'ping\')" >/dev/null 2>&1; do echo "waiting for MongoDB at mongodb:27017"; sleep 2; done';

/**
 * Deployment `pyos-od`, Service `pyos`, ConfigMap `abcdesktop-config`, the four user template ConfigMaps and, when
 * pyos has secrets to read, Secret `abcdesktop-pyos-credentials`: the 4.4 API server.
 */
export class PyosDeployment extends pulumi.ComponentResource {
    public readonly configMap: k8s.core.v1.ConfigMap;
    public readonly templates: Record<UserTemplateFile, k8s.core.v1.ConfigMap>;
    /** Secret `abcdesktop-pyos-credentials`, absent when pyos has no secret to read. */
    public readonly credentials?: k8s.core.v1.Secret;
    public readonly deployment: k8s.apps.v1.Deployment;
    public readonly service: k8s.core.v1.Service;

    constructor(
        context: DeploymentContext,
        settings: PyosSettings4_4,
        deps: PyosDeploymentDependencies,
        opts?: pulumi.ComponentResourceOptions,
    ) {
        const name = context.instance;
        super("abcdesktop:index:Pyos", name, {}, opts);
        const scope = new ComponentScope(context, "pyos");
        const child = { parent: this };
        this.configMap = new k8s.core.v1.ConfigMap(
            `${name}-abcdesktop-config`,
            {
                metadata: scope.metadata(OD_CONFIG_CONFIGMAP_NAME, { "abcdesktop/role": "pyos.config" }),
                data: { "od.config": deps.odConfigText },
            },
            child,
        );
        this.templates = userTemplateConfigMaps(scope, child);
        const variables = Object.keys(deps.credentials);
        this.credentials =
            variables.length > 0
                ? new k8s.core.v1.Secret(
                      `${name}-${PYOS_CREDENTIALS_SECRET_NAME}`,
                      {
                          metadata: scope.metadata(PYOS_CREDENTIALS_SECRET_NAME),
                          type: "Opaque",
                          stringData: Object.fromEntries(
                              variables.map((variable) => [variable, pulumi.secret(deps.credentials[variable])]),
                          ),
                      },
                      child,
                  )
                : undefined;
        const credentialsSecret = this.credentials;
        const keys = jwtKeyMounts("4.4", [
            ["userSigning", deps.keys.secrets.userSigning],
            ["desktopSigning", deps.keys.secrets.desktopSigning],
            ["desktopPayload", deps.keys.secrets.desktopPayload],
        ]);
        const templateFiles = Object.keys(USER_TEMPLATES) as UserTemplateFile[];
        const templateVolume = (file: UserTemplateFile) => `volume-abcdesktop-${file}-templatefile`;
        const selector = { name: "pyos-od" };
        const { namespace, clusterDomain } = context.platform;
        this.deployment = singleContainerDeployment(
            scope,
            {
                deploymentName: "pyos-od",
                selector,
                extraPodLabels: { run: "pyos-od", ...Object.fromEntries(POD_LABELS.map((peer) => [`netpol/${peer}`, "true"])) },
                // od.config and the templates are mounted by subPath, which a ConfigMap change never reaches: pods roll.
                podAnnotations: {
                    "checksum/od-config": contentChecksum("", [deps.odConfigText]),
                    "checksum/user-templates": contentChecksum(
                        "",
                        templateFiles.map((file) => USER_TEMPLATES[file]),
                    ),
                    "checksum/jwt-keys": deps.jwtKeysChecksum,
                    "checksum/mongodb-secret": deps.mongodb.checksum,
                    ...(credentialsSecret
                        ? {
                              "checksum/pyos-credentials": contentChecksum(
                                  context.checksumKey,
                                  variables.map((v) => deps.credentials[v]),
                              ),
                          }
                        : {}),
                },
                scaling: settings,
                serviceAccountName: PYOS_SERVICE_ACCOUNT,
                podOptions: { usesKubernetesApi: true },
                initContainers: [
                    {
                        name: "wait-for-mongo",
                        ...imageFields(deps.mongodb.image),
                        command: ["sh", "-c", WAIT_FOR_MONGODB],
                        resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
                    },
                ],
                container: {
                    name: "pyos",
                    ...imageFields(scope.image(settings.image)),
                    ports: [{ containerPort: PYOS_PORT }],
                    env: [
                        ...podIdentityEnv(),
                        {
                            name: MONGODB_URL_ENV,
                            valueFrom: { secretKeyRef: { name: MONGODB_SECRET_NAME_4_4, key: "MONGODB_URL" } },
                        },
                        { name: "OAUTHLIB_RELAX_TOKEN_SCOPE", value: "1" },
                        // pyos builds memcached's address from POD_NAMESPACE and a fixed cluster.local domain otherwise.
                        { name: "MEMCACHESERVER", value: `memcached.${namespace}.svc.${clusterDomain}` },
                        ...(credentialsSecret
                            ? variables.map((variable) => ({
                                  name: variable,
                                  valueFrom: { secretKeyRef: { name: PYOS_CREDENTIALS_SECRET_NAME, key: variable } },
                              }))
                            : []),
                    ],
                    volumeMounts: [
                        ...keys.volumeMounts,
                        { name: "volume-abcdesktop-config", mountPath: "/var/pyos/od.config", subPath: "od.config", readOnly: true },
                        ...templateFiles.map((file) => ({
                            name: templateVolume(file),
                            mountPath: `/var/pyos/${file}`,
                            subPath: file,
                            readOnly: true,
                        })),
                    ],
                    ...httpProbes("/API/healthz", PYOS_PORT),
                    resources: resourceRequirements(settings.resources),
                },
                volumes: [
                    ...keys.volumes,
                    { name: "volume-abcdesktop-config", configMap: { name: OD_CONFIG_CONFIGMAP_NAME } },
                    ...templateFiles.map((file) => ({
                        name: templateVolume(file),
                        configMap: { name: userTemplateConfigMapName(file) },
                    })),
                ],
            },
            workloadOptions(context, this, [
                ...keys.secrets,
                this.configMap,
                ...Object.values(this.templates),
                deps.mongodb.secret,
                credentialsSecret,
                deps.rbac.serviceAccount,
            ]),
        );
        scalingObjects(scope, { deploymentName: "pyos-od", selector, deployment: this.deployment }, settings, child);
        this.service = clusterIpService(
            scope,
            "pyos",
            { run: "pyos-od" },
            [{ port: PYOS_PORT, targetPort: PYOS_PORT, protocol: "TCP" }],
            child,
        );
        // The router proxies the API; pyos replicas sync with each other. Desktops do not call it in 4.4.
        allowIngress(
            scope,
            {
                policyName: "pyos-od-permits",
                pods: { run: "pyos-od" },
                from: [{ "netpol/pyos": "true" }, { run: "pyos-od" }],
                ports: [PYOS_PORT],
                onlyDnsEgress: false,
            },
            child,
        );
        this.registerOutputs({});
    }
}
