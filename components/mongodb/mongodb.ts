import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { contentChecksum } from "../shared/checksums";
import { clusterIpService } from "../shared/clusterIpService";
import { ComponentScope, DeploymentContext } from "../shared/context";
import { serviceFqdn } from "../shared/naming";
import { allowIngress } from "../shared/networkPolicy";
import { imageFields, podSpec } from "../shared/podSpec";
import { workloadOptions } from "../shared/podReferences";
import { resourceRequirements } from "../shared/resources";
import { MongodbSettings } from "./settings";

export const MONGODB_PORT = 27017;
/** The Pulumi type of the MongoDB component, the same in every release (see {@link mongodbPassword}). */
export const MONGODB_COMPONENT_TYPE = "abcdesktop:index:Mongodb";
export const MONGODB_SECRET_NAME = "mongodb-secret";
export const MONGODB_ROOT_USER = "root";
export const MONGODB_PYOS_USER = "pyos";

/** The URL pyos connects with; the user is created in `admin` by oc.mongo's init script, hence authSource. */
export function mongodbUrl(password: string, host: string): string {
    return `mongodb://${MONGODB_PYOS_USER}:${encodeURIComponent(password)}@${host}:${MONGODB_PORT}/?authSource=admin`;
}

/** What happens to MongoDB's data claims: kept when members are scaled away, and on destroy unless data is to go. */
export function dataClaimRetention(retainDataOnDestroy: boolean): k8s.types.input.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy {
    return { whenDeleted: retainDataOnDestroy ? "Retain" : "Delete", whenScaled: "Retain" };
}

/**
 * The password of one MongoDB user (a Pulumi secret): the given one, else generated once per stack. Letters and
 * digits only: the pyos password goes into a URL, and the init scripts into a shell. Both releases' MongoDB
 * components call this under the same component type and name, so the generated passwords keep their Pulumi
 * names, and their values, through a switch of release.
 */
export function mongodbPassword(
    instance: string,
    user: string,
    given: pulumi.Input<string> | undefined,
    parent: pulumi.Resource,
): pulumi.Output<string> {
    return pulumi.secret(
        given ?? new random.RandomPassword(`${instance}-mongodb-${user}-password`, { length: 32, special: false }, { parent }).result,
    );
}

/**
 * Secret `mongodb-secret` with generated passwords, StatefulSet `mongodb-od` with a persistent data volume
 * (upstream's Deployment kept the data on the container's disk) and Service `mongodb`.
 */
export class Mongodb extends pulumi.ComponentResource {
    public readonly secret: k8s.core.v1.Secret;
    /** Password of MongoDB's root user (a Pulumi secret). */
    public readonly rootPassword: pulumi.Output<string>;
    /** Password of the `pyos` user (a Pulumi secret). */
    public readonly pyosPassword: pulumi.Output<string>;
    /** The URL pyos connects with, password included (a Pulumi secret). */
    public readonly url: pulumi.Output<string>;
    public readonly statefulSet: k8s.apps.v1.StatefulSet;
    public readonly service: k8s.core.v1.Service;

    constructor(context: DeploymentContext, settings: MongodbSettings, opts?: pulumi.ComponentResourceOptions) {
        const name = context.instance;
        super(MONGODB_COMPONENT_TYPE, name, {}, opts);
        const scope = new ComponentScope(context, "mongodb");
        const { namespace, clusterDomain, retainDataOnDestroy } = context.platform;
        this.rootPassword = mongodbPassword(name, MONGODB_ROOT_USER, settings.rootPassword, this);
        this.pyosPassword = mongodbPassword(name, MONGODB_PYOS_USER, settings.pyosPassword, this);
        const host = serviceFqdn("mongodb", namespace, clusterDomain);
        this.url = this.pyosPassword.apply((pw) => mongodbUrl(pw, host));

        this.secret = new k8s.core.v1.Secret(
            `${name}-${MONGODB_SECRET_NAME}`,
            {
                metadata: scope.metadata(MONGODB_SECRET_NAME),
                type: "Opaque",
                stringData: {
                    mongo_initdb_root_username: MONGODB_ROOT_USER,
                    mongo_initdb_root_password: this.rootPassword,
                    mongo_pyos_username: MONGODB_PYOS_USER,
                    mongo_pyos_password: this.pyosPassword,
                    mongodb_url: this.url,
                },
            },
            // MongoDB creates its users only on an empty volume: retained data needs these passwords back.
            { parent: this, retainOnDelete: retainDataOnDestroy },
        );

        const selector = { run: "mongodb-od" };
        const fromSecret = (envName: string, key: string) => ({
            name: envName,
            valueFrom: { secretKeyRef: { name: MONGODB_SECRET_NAME, key } },
        });
        this.statefulSet = new k8s.apps.v1.StatefulSet(
            `${name}-mongodb-od`,
            {
                metadata: scope.metadata("mongodb-od"),
                spec: {
                    serviceName: "mongodb",
                    replicas: 1,
                    selector: { matchLabels: selector },
                    // The data claim outlives the StatefulSet (upgrades that replace it reattach to data-mongodb-od-0)
                    // and, unless data is to be deleted, `pulumi destroy` too.
                    persistentVolumeClaimRetentionPolicy: dataClaimRetention(retainDataOnDestroy),
                    template: {
                        metadata: {
                            labels: scope.podLabels({ ...selector, type: "database" }),
                            annotations: {
                                "checksum/mongodb-secret": contentChecksum(context.checksumKey, [this.rootPassword, this.pyosPassword]),
                            },
                        },
                        spec: podSpec(context, {
                            containers: [
                                {
                                    name: "mongodb",
                                    ...imageFields(scope.image(settings.image)),
                                    ports: [{ containerPort: MONGODB_PORT }],
                                    env: [
                                        fromSecret("MONGO_INITDB_ROOT_USERNAME", "mongo_initdb_root_username"),
                                        fromSecret("MONGO_INITDB_ROOT_PASSWORD", "mongo_initdb_root_password"),
                                        fromSecret("MONGO_PYOS_USERNAME", "mongo_pyos_username"),
                                        fromSecret("MONGO_PYOS_PASSWORD", "mongo_pyos_password"),
                                    ],
                                    volumeMounts: [{ name: "data", mountPath: "/data/db" }],
                                    readinessProbe: {
                                        tcpSocket: { port: MONGODB_PORT },
                                        initialDelaySeconds: 10,
                                        periodSeconds: 10,
                                        failureThreshold: 6,
                                    },
                                    resources: resourceRequirements(settings.resources),
                                },
                            ],
                        }),
                    },
                    volumeClaimTemplates: [
                        {
                            metadata: { name: "data" },
                            spec: {
                                accessModes: ["ReadWriteOnce"],
                                storageClassName: settings.storage.className,
                                resources: { requests: { storage: settings.storage.size } },
                            },
                        },
                    ],
                },
            },
            workloadOptions(context, this, [this.secret]),
        );
        this.service = clusterIpService(scope, "mongodb", selector, [{ port: MONGODB_PORT, targetPort: MONGODB_PORT, protocol: "TCP" }], {
            parent: this,
        });
        allowIngress(
            scope,
            {
                policyName: "mongodb-od-permits",
                pods: selector,
                from: [{ "netpol/mongodb": "true" }],
                ports: [MONGODB_PORT],
                onlyDnsEgress: true,
            },
            { parent: this },
        );
        this.registerOutputs({});
    }
}
