import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { AbcdesktopArgs } from "./args";
import { createLdapBindSecret, ldapDirectory } from "./auth/ldapDirectory";
import { contentChecksum } from "./checksums";
import { AbcdesktopConfigMaps } from "./config/configMaps";
import { DeploymentContext } from "./context";
import { JwtKeys } from "./keys/jwtKeys";
import { NetworkPolicies } from "./networkPolicies";
import { PyosRbac } from "./rbac/pyosRbac";
import { createRegistrySecret } from "./registrySecret";
import { resolveSettings } from "./settings";
import { HomeDirectoryStorage } from "./storage/homeDirectoryStorage";
import { assertValidArgs, claimNodePort } from "./validation";
import { DesktopService } from "./workloads/desktopService";
import { ImagePrePull } from "./workloads/imagePrePull";
import { Memcached } from "./workloads/memcached";
import { Mongodb } from "./workloads/mongodb";
import { Nginx } from "./workloads/nginx";
import { OpenLdapDemo } from "./workloads/openldap";
import { Pyos } from "./workloads/pyos";
import { Speedtest } from "./workloads/speedtest";

/**
 * abcdesktop.io in Kubernetes mode: everything the upstream install creates (namespace, JWT keys, RBAC,
 * storage, configuration, MongoDB, memcached, speedtest, nginx, pyos, the desktop service and, optionally,
 * the demo LDAP directory and image pre-pull), as one component.
 */
export class Abcdesktop extends pulumi.ComponentResource {
    /** The URL users open: `http://<publicHostname>:<nodePort>/`. */
    public readonly url: pulumi.Output<string>;
    /** Namespace the platform runs in. */
    public readonly namespace: pulumi.Output<string>;
    /** NodePort of Service `nginx`. */
    public readonly nodePort: pulumi.Output<number>;
    /** Names of the Services, by role (nginx, pyos, mongodb, memcached, speedtest, desktop, openldap when deployed). */
    public readonly serviceNames: pulumi.Output<Record<string, string>>;
    /** Names of the Secrets, by role (never their values). */
    public readonly secretNames: pulumi.Output<Record<string, string>>;
    /** Names of the ConfigMaps, by role. */
    public readonly configMapNames: pulumi.Output<Record<string, string>>;
    /** Names of the cluster-scoped objects, by role: unique per namespace so two stacks can share a cluster. */
    public readonly clusterObjectNames: pulumi.Output<Record<string, string>>;

    constructor(name: string, args: AbcdesktopArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        // Refuse bad input before anything, the component itself included, is registered.
        assertValidArgs(args);
        const settings = resolveSettings(args);
        claimNodePort(settings.nodePort, name, opts);
        super("abcdesktop:index:Abcdesktop", name, {}, opts);
        const child = { parent: this };

        const commonLabels = {
            "app.kubernetes.io/part-of": "abcdesktop",
            "app.kubernetes.io/managed-by": "pulumi",
            "app.kubernetes.io/instance": name,
        };
        // The namespace holds MongoDB's data claim: kept on destroy unless data is to be deleted.
        const namespaceObject = settings.createNamespace
            ? new k8s.core.v1.Namespace(
                  `${name}-namespace`,
                  { metadata: { name: settings.namespace, labels: commonLabels } },
                  { ...child, retainOnDelete: settings.retainDataOnDestroy },
              )
            : undefined;
        const checksumKey = new random.RandomPassword(`${name}-checksum-key`, { length: 32, special: false }, child);
        const context: DeploymentContext = {
            settings,
            namespace: namespaceObject ? namespaceObject.metadata.name : settings.namespace,
            commonLabels,
            checksumKey: pulumi.secret(checksumKey.result),
        };
        const registrySecret = settings.registryCredentials
            ? createRegistrySecret(name, context, settings.registryCredentials, child)
            : undefined;
        if (registrySecret) {
            context.imagePullSecrets = [{ name: registrySecret.metadata.name }];
        }

        const keys = new JwtKeys(name, context, child);
        const rbac = new PyosRbac(name, context, child);
        const storage = new HomeDirectoryStorage(name, context, child);
        const configMaps = new AbcdesktopConfigMaps(name, context, child);
        const mongodb = new Mongodb(name, context, child);
        const memcached = new Memcached(name, context, child);
        const speedtest = new Speedtest(name, context, child);
        const keysChecksum = contentChecksum("", [keys.generation]);
        const nginx = new Nginx(
            name,
            context,
            {
                desktopPayloadSecret: keys.secrets.desktopPayload,
                desktopSigningSecret: keys.secrets.desktopSigning,
                nginxConfigMap: configMaps.nginxConfig,
                siteText: configMaps.siteText,
                jwtKeysChecksum: keysChecksum,
            },
            child,
        );
        const directory = ldapDirectory(settings);
        const ldapBindSecret = directory ? createLdapBindSecret(name, context, directory, child) : undefined;
        const pyos = new Pyos(
            name,
            context,
            {
                serviceAccount: rbac.serviceAccount,
                desktopPayloadSecret: keys.secrets.desktopPayload,
                desktopSigningSecret: keys.secrets.desktopSigning,
                userSigningSecret: keys.secrets.userSigning,
                mongodbSecret: mongodb.secret,
                odConfigMap: configMaps.odConfig,
                odConfigText: configMaps.odConfigText,
                jwtKeysChecksum: keysChecksum,
                mongodbChecksum: contentChecksum(context.checksumKey, [mongodb.url]),
                ldapBind:
                    directory && ldapBindSecret
                        ? { secret: ldapBindSecret, checksum: contentChecksum(context.checksumKey, [directory.bindPassword]) }
                        : undefined,
            },
            child,
        );
        if (settings.networkPolicies) {
            new NetworkPolicies(name, context, child);
        }
        const desktop = new DesktopService(name, context, child);
        const openldap = settings.openldapDemo ? new OpenLdapDemo(name, context, child) : undefined;
        if (settings.prePullImages) {
            const { user, printer, sound } = settings.images;
            new ImagePrePull(name, context, [user, printer, sound, ...settings.applicationImages], child);
        }

        const names = (objects: Record<string, { metadata: pulumi.Output<{ name?: string }> } | undefined>) =>
            pulumi.all(
                Object.fromEntries(
                    Object.entries(objects)
                        .filter((entry): entry is [string, { metadata: pulumi.Output<{ name?: string }> }] => entry[1] !== undefined)
                        .map(([role, object]) => [role, object.metadata.apply((m) => m.name ?? "")]),
                ),
            );
        this.namespace = pulumi.output(context.namespace);
        this.nodePort = pulumi.output(settings.nodePort);
        this.url = pulumi.output(`http://${settings.publicHostname}:${settings.nodePort}/`);
        this.serviceNames = names({
            nginx: nginx.service,
            pyos: pyos.service,
            mongodb: mongodb.service,
            memcached: memcached.service,
            speedtest: speedtest.service,
            desktop: desktop.service,
            openldap: openldap?.service,
        });
        this.secretNames = names({
            jwtDesktopPayload: keys.secrets.desktopPayload,
            jwtDesktopSigning: keys.secrets.desktopSigning,
            jwtUserSigning: keys.secrets.userSigning,
            mongodb: mongodb.secret,
            ldapBind: ldapBindSecret,
            registry: registrySecret,
        });
        this.configMapNames = names({ odConfig: configMaps.odConfig, nginxConfig: configMaps.nginxConfig });
        this.clusterObjectNames = names({
            clusterRole: rbac.clusterRole,
            clusterRoleBinding: rbac.clusterRoleBinding,
            storageClass: storage.storageClass,
            persistentVolume: storage.persistentVolume,
        });
        this.registerOutputs({
            url: this.url,
            namespace: this.namespace,
            nodePort: this.nodePort,
            serviceNames: this.serviceNames,
            secretNames: this.secretNames,
            configMapNames: this.configMapNames,
            clusterObjectNames: this.clusterObjectNames,
        });
    }
}
