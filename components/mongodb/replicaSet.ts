import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { contentChecksum } from "../shared/checksums";
import { ComponentScope, DeploymentContext } from "../shared/context";
import { ResolvedImage } from "../shared/image";
import { allowIngress } from "../shared/networkPolicy";
import { imageFields, podFieldEnv, podSpec } from "../shared/podSpec";
import { SKIP_SERVICE_AWAIT } from "../shared/serviceAwait";
import { workloadOptions } from "../shared/podReferences";
import { resourceRequirements } from "../shared/resources";
import { dataClaimRetention, MONGODB_COMPONENT_TYPE, MONGODB_PORT, MONGODB_PYOS_USER, MONGODB_ROOT_USER, mongodbPassword } from "./mongodb";
import { MongodbSettings4_4 } from "./settings";

export const MONGODB_SECRET_NAME_4_4 = "secret-mongodb";
export const MONGODB_KEYFILE_SECRET_NAME = "abcdesktop-mongod-keyfile";
export const MONGODB_KEYFILE_KEY = "mongod.keyfile";
export const MONGODB_SCRIPTS_CONFIGMAP_NAME = "configmap-mongodb-scripts";
/** The headless Service, which is also the StatefulSet's `serviceName`: member i is `mongodb-od-<i>.mongodb`. */
export const MONGODB_SERVICE_NAME = "mongodb";
export const MONGODB_STATEFULSET_NAME = "mongodb-od";
/** The replica set's name, as `mongod.conf` has it. */
export const MONGODB_REPLICA_SET = "rs0";
/**
 * The claim template of the data volume: claims `mongodb8-data-mongodb-od-<i>`. Not 1.0's `data`: a 1.0 stack
 * switched to 4.4 must not mount MongoDB 4's files (`data-mongodb-od-0`, retained) into MongoDB 8, which cannot
 * read them; 4.4 starts on a claim of its own and the old one stays for a manual export.
 */
export const MONGODB_DATA_CLAIM_TEMPLATE = "mongodb8-data";
/** Characters of the keyfile: letters and digits, which MongoDB's base64 alphabet allows, within its 6 to 1024. */
export const MONGODB_KEYFILE_LENGTH = 1008;
/** The databases pyos opens, each with `authSource=<database>`: init.js creates the pyos user in every one. */
export const PYOS_DATABASES = ["image", "fail2ban", "loginHistory", "applications", "profiles", "desktop"];

/** The files of ConfigMap `configmap-mongodb-scripts`, as in `components/mongodb/scripts/` (shipped in the package beside this module). */
export const MONGODB_SCRIPT_FILES = ["init-container.sh", "mongod.conf", "init.js", "init-replica.sh"] as const;
export type MongodbScriptFile = (typeof MONGODB_SCRIPT_FILES)[number];

/** The text of each script, read from the package. */
export function mongodbScripts(): Record<MongodbScriptFile, string> {
    return Object.fromEntries(MONGODB_SCRIPT_FILES.map((file) => [file, readFileSync(join(__dirname, "scripts", file), "utf8")])) as Record<
        MongodbScriptFile,
        string
    >;
}

/**
 * `MONGODB_URL` of Secret `secret-mongodb`, which pyos reads: no path and no query, because pyos appends
 * `/<database>?authSource=<database>` itself; no port, MongoDB's default. The host is the headless Service's
 * short name, as upstream's: pyos runs in the namespace, and the driver only uses it to discover the set, then
 * connects to the members by the short names the set's configuration holds (`mongodb-od-0.mongodb:27017`), so a
 * full name would resolve nothing more, and would depend on `clusterDomain` being right.
 */
export function mongodbUrl4_4(password: string): string {
    return `mongodb://${MONGODB_PYOS_USER}:${encodeURIComponent(password)}@${MONGODB_SERVICE_NAME}`;
}

/**
 * The sidecar's command: init-replica.sh until it succeeds (it exits at once on members other than 0), then
 * nothing until the pod stops. A TERM ends it at once rather than after the grace period.
 */
export const REPLICA_MANAGER_COMMAND =
    "trap 'exit 0' TERM; until bash /scripts/init-replica.sh; do echo 'replica-manager: init-replica.sh failed; trying again in 30 seconds' >&2; sleep 30 & wait $!; done; sleep infinity & wait $!";

/**
 * MongoDB 8 as replica set `rs0`, release 4.4's layout (upstream's `kubernetes/abcdesktop-4.4.yaml`): Secrets
 * `secret-mongodb` (generated passwords, retained with the data) and `abcdesktop-mongod-keyfile` (the members'
 * shared key, generated in Pulumi state), ConfigMap `configmap-mongodb-scripts`, StatefulSet `mongodb-od` of one
 * or three members with a persistent data volume (upstream keeps the data in an emptyDir), headless Service
 * `mongodb`, a NetworkPolicy, and a PodDisruptionBudget with three members.
 */
export class MongodbReplicaSet extends pulumi.ComponentResource {
    /** Secret `secret-mongodb`: pyos reads `MONGODB_URL` from it. */
    public readonly secret: k8s.core.v1.Secret;
    public readonly keyfileSecret: k8s.core.v1.Secret;
    public readonly scriptsConfigMap: k8s.core.v1.ConfigMap;
    public readonly statefulSet: k8s.apps.v1.StatefulSet;
    /** Headless Service `mongodb`: its name resolves to the ready members. */
    public readonly service: k8s.core.v1.Service;
    public readonly disruptionBudget?: k8s.policy.v1.PodDisruptionBudget;
    /** The MongoDB image, with mongosh: pyos's init container waits for MongoDB with it. */
    public readonly image: ResolvedImage;
    /** Password of MongoDB's root user (a Pulumi secret). */
    public readonly rootPassword: pulumi.Output<string>;
    /** Password of the `pyos` user (a Pulumi secret). */
    public readonly pyosPassword: pulumi.Output<string>;
    /** The URL pyos connects with, password included (a Pulumi secret). */
    public readonly url: pulumi.Output<string>;

    constructor(context: DeploymentContext, settings: MongodbSettings4_4, opts?: pulumi.ComponentResourceOptions) {
        const name = context.instance;
        // 1.0's type and name: the passwords, the StatefulSet, the Service and the NetworkPolicy keep their Pulumi
        // names, so a switch of release updates (or replaces) them instead of colliding with the objects it leaves.
        super(MONGODB_COMPONENT_TYPE, name, {}, opts);
        const scope = new ComponentScope(context, "mongodb");
        const { retainDataOnDestroy } = context.platform;
        const role = scope.roleLabel();
        this.image = scope.image(settings.image);

        this.rootPassword = mongodbPassword(name, MONGODB_ROOT_USER, settings.rootPassword, this);
        this.pyosPassword = mongodbPassword(name, MONGODB_PYOS_USER, settings.pyosPassword, this);
        this.url = this.pyosPassword.apply(mongodbUrl4_4);
        this.secret = new k8s.core.v1.Secret(
            `${name}-${MONGODB_SECRET_NAME_4_4}`,
            {
                metadata: scope.metadata(MONGODB_SECRET_NAME_4_4, role),
                type: "Opaque",
                stringData: {
                    MONGO_ROOT_USERNAME: MONGODB_ROOT_USER,
                    MONGO_ROOT_PASSWORD: this.rootPassword,
                    MONGO_USERNAME: MONGODB_PYOS_USER,
                    MONGO_PASSWORD: this.pyosPassword,
                    MONGO_USERS_LIST: this.pyosPassword.apply((pw) => `${MONGODB_PYOS_USER}:readWrite:${pw}`),
                    MONGO_DBS_LIST: PYOS_DATABASES.join(","),
                    MONGODB_URL: this.url,
                },
            },
            // MongoDB creates its users only on an empty volume: retained data needs these passwords back.
            { parent: this, retainOnDelete: retainDataOnDestroy },
        );

        // Generated by the random provider and kept, encrypted, in Pulumi state: never written on anyone's disk.
        // Not RandomBytes: its resource ID is its base64 value, and IDs are stored in clear text.
        const keyfileText = new random.RandomPassword(
            `${name}-mongodb-keyfile`,
            { length: MONGODB_KEYFILE_LENGTH, special: false },
            { parent: this },
        );
        const keyfile = pulumi.secret(keyfileText.result);
        this.keyfileSecret = new k8s.core.v1.Secret(
            `${name}-${MONGODB_KEYFILE_SECRET_NAME}`,
            { metadata: scope.metadata(MONGODB_KEYFILE_SECRET_NAME, role), type: "Opaque", stringData: { [MONGODB_KEYFILE_KEY]: keyfile } },
            { parent: this },
        );

        const scripts = mongodbScripts();
        this.scriptsConfigMap = new k8s.core.v1.ConfigMap(
            `${name}-${MONGODB_SCRIPTS_CONFIGMAP_NAME}`,
            { metadata: scope.metadata(MONGODB_SCRIPTS_CONFIGMAP_NAME, role), data: scripts },
            { parent: this },
        );

        const selector = { run: MONGODB_STATEFULSET_NAME };
        const resources = resourceRequirements(settings.resources);
        const image = imageFields(this.image);
        const scriptsVolume = (volumeName: string, file: MongodbScriptFile, executable: boolean) => ({
            name: volumeName,
            configMap: {
                name: MONGODB_SCRIPTS_CONFIGMAP_NAME,
                items: [{ key: file, path: file }],
                ...(executable ? { defaultMode: 0o755 } : {}),
            },
        });
        const fromSecret = (envName: string, key: string) => ({
            name: envName,
            valueFrom: { secretKeyRef: { name: MONGODB_SECRET_NAME_4_4, key } },
        });
        // The Secret's files under /etc/abcdesktop, root's under admin/; readable by all, as mongod reads them as user mongodb.
        const secretFiles: [key: string, path: string][] = [
            ["MONGO_ROOT_USERNAME", "admin/MONGO_ROOT_USERNAME"],
            ["MONGO_ROOT_PASSWORD", "admin/MONGO_ROOT_PASSWORD"],
            ["MONGO_USERNAME", "MONGO_USERNAME"],
            ["MONGO_PASSWORD", "MONGO_PASSWORD"],
            ["MONGO_USERS_LIST", "MONGO_USERS_LIST"],
            ["MONGO_DBS_LIST", "MONGO_DBS_LIST"],
        ];
        this.statefulSet = new k8s.apps.v1.StatefulSet(
            `${name}-${MONGODB_STATEFULSET_NAME}`,
            {
                metadata: scope.metadata(MONGODB_STATEFULSET_NAME, { ...selector, type: "database", ...role }),
                spec: {
                    serviceName: MONGODB_SERVICE_NAME,
                    replicas: settings.replicas,
                    // Members start and are recreated independently: a member that cannot start (its claim
                    // unbound, its node gone) does not hold back the others, which are the set's majority.
                    // Updates still roll one member at a time.
                    podManagementPolicy: "Parallel",
                    selector: { matchLabels: selector },
                    // The claims outlive the StatefulSet and, unless data is to be deleted, `pulumi destroy` too.
                    persistentVolumeClaimRetentionPolicy: dataClaimRetention(retainDataOnDestroy),
                    template: {
                        metadata: {
                            labels: scope.podLabels({ ...selector, type: "database", "netpol/mongodb": "true", "netpol/dns": "true" }),
                            // Secret and ConfigMap files are copied or mounted by subPath at start: a change
                            // reaches the members only through a restart, which these annotations cause.
                            annotations: {
                                "checksum/secret-mongodb": contentChecksum(context.checksumKey, [this.rootPassword, this.pyosPassword]),
                                "checksum/mongod-keyfile": contentChecksum(context.checksumKey, [keyfile]),
                                "checksum/mongodb-scripts": contentChecksum(
                                    "",
                                    MONGODB_SCRIPT_FILES.map((file) => scripts[file]),
                                ),
                            },
                        },
                        spec: podSpec(context, {
                            terminationGracePeriodSeconds: 10,
                            initContainers: [
                                {
                                    name: "prepare-config",
                                    ...image,
                                    command: ["bash", "/scripts/init-container.sh"],
                                    volumeMounts: [
                                        {
                                            name: "init-container-script",
                                            mountPath: "/scripts/init-container.sh",
                                            subPath: "init-container.sh",
                                            readOnly: true,
                                        },
                                        { name: "config", mountPath: "/input/mongod.conf", subPath: "mongod.conf", readOnly: true },
                                        {
                                            name: "keyfile",
                                            mountPath: `/input/${MONGODB_KEYFILE_KEY}`,
                                            subPath: MONGODB_KEYFILE_KEY,
                                            readOnly: true,
                                        },
                                        { name: "prepared-config", mountPath: "/work/config" },
                                        { name: "logs", mountPath: "/var/log/mongodb" },
                                    ],
                                    resources,
                                },
                            ],
                            containers: [
                                {
                                    // No command: the image's entrypoint creates the users on an empty volume, then
                                    // drops from root to user mongodb to run mongod.
                                    name: "mongodb",
                                    ...image,
                                    args: ["--config=/etc/mongodb/mongod.conf"],
                                    ports: [{ containerPort: MONGODB_PORT, name: "mongodb" }],
                                    env: [
                                        { name: "MONGO_INITDB_ROOT_USERNAME_FILE", value: "/etc/abcdesktop/admin/MONGO_ROOT_USERNAME" },
                                        { name: "MONGO_INITDB_ROOT_PASSWORD_FILE", value: "/etc/abcdesktop/admin/MONGO_ROOT_PASSWORD" },
                                    ],
                                    volumeMounts: [
                                        { name: "prepared-config", mountPath: "/etc/mongodb" },
                                        { name: "abcdesktop", mountPath: "/etc/abcdesktop", readOnly: true },
                                        {
                                            name: "init-script",
                                            mountPath: "/docker-entrypoint-initdb.d/init.js",
                                            subPath: "init.js",
                                            readOnly: true,
                                        },
                                        { name: "logs", mountPath: "/var/log/mongodb" },
                                        { name: MONGODB_DATA_CLAIM_TEMPLATE, mountPath: "/data/db" },
                                    ],
                                    readinessProbe: {
                                        tcpSocket: { port: MONGODB_PORT },
                                        initialDelaySeconds: 10,
                                        periodSeconds: 10,
                                        failureThreshold: 6,
                                    },
                                    resources,
                                },
                                {
                                    name: "replica-manager",
                                    ...image,
                                    command: ["bash", "-c", REPLICA_MANAGER_COMMAND],
                                    env: [
                                        podFieldEnv("POD_NAME", "metadata.name"),
                                        podFieldEnv("NAMESPACE", "metadata.namespace"),
                                        { name: "SERVICE", value: MONGODB_SERVICE_NAME },
                                        { name: "STATEFULSET_NAME", value: MONGODB_STATEFULSET_NAME },
                                        { name: "REPLICAS", value: String(settings.replicas) },
                                        { name: "REPLICA_SET", value: MONGODB_REPLICA_SET },
                                        fromSecret("MONGO_INITDB_ROOT_USERNAME", "MONGO_ROOT_USERNAME"),
                                        fromSecret("MONGO_INITDB_ROOT_PASSWORD", "MONGO_ROOT_PASSWORD"),
                                        { name: "MONGO_AUTH_DB", value: "admin" },
                                    ],
                                    volumeMounts: [
                                        {
                                            name: "init-replica-script",
                                            mountPath: "/scripts/init-replica.sh",
                                            subPath: "init-replica.sh",
                                            readOnly: true,
                                        },
                                    ],
                                    resources,
                                },
                            ],
                            volumes: [
                                scriptsVolume("init-container-script", "init-container.sh", true),
                                scriptsVolume("config", "mongod.conf", false),
                                {
                                    name: "abcdesktop",
                                    secret: {
                                        secretName: MONGODB_SECRET_NAME_4_4,
                                        items: secretFiles.map(([key, path]) => ({ key, path, mode: 0o444 })),
                                    },
                                },
                                scriptsVolume("init-script", "init.js", false),
                                scriptsVolume("init-replica-script", "init-replica.sh", true),
                                { name: "keyfile", secret: { secretName: MONGODB_KEYFILE_SECRET_NAME } },
                                { name: "prepared-config", emptyDir: {} },
                                { name: "logs", emptyDir: {} },
                            ],
                        }),
                    },
                    volumeClaimTemplates: [
                        {
                            metadata: { name: MONGODB_DATA_CLAIM_TEMPLATE },
                            spec: {
                                accessModes: ["ReadWriteOnce"],
                                storageClassName: settings.storage.className,
                                resources: { requests: { storage: settings.storage.size } },
                            },
                        },
                    ],
                },
            },
            workloadOptions(context, this, [this.secret, this.keyfileSecret, this.scriptsConfigMap]),
        );
        this.service = new k8s.core.v1.Service(
            `${name}-${MONGODB_SERVICE_NAME}`,
            {
                // Its members are awaited through the StatefulSet (serviceAwait.ts says why not the Service).
                metadata: { ...scope.metadata(MONGODB_SERVICE_NAME, role), annotations: SKIP_SERVICE_AWAIT },
                spec: {
                    clusterIP: "None",
                    selector,
                    ports: [{ protocol: "TCP", port: MONGODB_PORT, targetPort: MONGODB_PORT }],
                },
            },
            { parent: this },
        );
        // With three members a drain evicts one at a time, so the other two keep the majority.
        this.disruptionBudget =
            settings.replicas > 1
                ? new k8s.policy.v1.PodDisruptionBudget(
                      `${name}-${MONGODB_STATEFULSET_NAME}`,
                      {
                          metadata: scope.metadata(MONGODB_STATEFULSET_NAME, role),
                          spec: { maxUnavailable: 1, selector: { matchLabels: selector } },
                      },
                      { parent: this },
                  )
                : undefined;
        // Clients carry netpol/mongodb, as the members do: the members reach each other, and DNS, nothing else.
        allowIngress(
            scope,
            {
                policyName: "mongodb-od-permits",
                pods: selector,
                from: [{ "netpol/mongodb": "true" }],
                ports: [MONGODB_PORT],
                onlyDnsEgress: true,
                alsoEgressTo: { pods: [selector], ports: [MONGODB_PORT] },
            },
            { parent: this },
        );
        this.registerOutputs({});
    }
}
