import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { AbcdesktopArgs } from "./args";
import { claimNodePort } from "./exposure/nodePortClaims";
import { publicUrl } from "./exposure/publicUrl";
import { createRegistrySecret, REGISTRY_SECRET_NAME } from "./registry/registrySecret";
import { objectNames } from "./releases/platformObjects";
import { checkedRelease } from "./releases/releaseGuard";
import { createRelease1_0 } from "./releases/v1_0";
import { createRelease4_4 } from "./releases/v4_4";
import { ComponentScope, DeploymentContext, standardLabels } from "./shared/context";
import { podSecurityLabels } from "./shared/podSecurity";
import { serverSideApplyTransformation } from "./shared/serverSideApply";
import { checkedSettings } from "./validateArgs";

/**
 * abcdesktop.io on Kubernetes: everything the upstream install creates (namespace, JWT keys, RBAC, storage,
 * configuration, MongoDB, memcached, speedtest, the web front end, pyos, the desktop service and, optionally, the
 * demo LDAP directory and image pre-pull), as one component.
 */
export class Abcdesktop extends pulumi.ComponentResource {
    /** The URL users open: `http://<exposure.hostname>:<exposure.nodePort>/` with type `nodePort`, else `http://<exposure.hostname>/`, `https://` with TLS (README, Behind HTTPS). */
    public readonly url: pulumi.Output<string>;
    /** Namespace the platform runs in. */
    public readonly namespace: pulumi.Output<string>;
    /** NodePort of the front door's Service, with `exposure.type` `nodePort` (absent with the other types). */
    public readonly nodePort: pulumi.Output<number | undefined>;
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
        const settings = checkedSettings(args);
        if (settings.exposure.type === "nodePort") claimNodePort(settings.exposure.nodePort, name, opts);
        super(
            "abcdesktop:index:Abcdesktop",
            name,
            {},
            {
                ...opts,
                // First, so that a consumer's own transformations see the annotations and may change them.
                transformations: [serverSideApplyTransformation(pulumi.getStack()), ...(opts?.transformations ?? [])],
            },
        );
        const child = { parent: this };

        const platform = {
            release: settings.release,
            namespace: settings.namespace,
            clusterDomain: settings.clusterDomain,
            networkPolicies: settings.networkPolicies,
            retainDataOnDestroy: settings.retainDataOnDestroy,
            images: { prefix: settings.registry.prefix, pullPolicy: settings.registry.pullPolicy },
            readinessTimeoutSeconds: settings.readinessTimeoutSeconds,
        };
        const release = checkedRelease(name, settings.release, settings.allowReleaseSwitch, this);
        // The namespace holds MongoDB's data claim: kept on destroy unless data is to be deleted.
        const namespaceObject = settings.createNamespace
            ? new k8s.core.v1.Namespace(
                  `${name}-namespace`,
                  {
                      metadata: {
                          name: settings.namespace,
                          labels: {
                              ...standardLabels(name, "platform"),
                              "app.kubernetes.io/version": release,
                              ...podSecurityLabels(settings.podSecurity),
                          },
                      },
                  },
                  { ...child, retainOnDelete: settings.retainDataOnDestroy },
              )
            : undefined;
        const checksumKey = new random.RandomPassword(`${name}-checksum-key`, { length: 32, special: false }, child);
        const context: DeploymentContext = {
            platform,
            namespace: namespaceObject ? namespaceObject.metadata.name : settings.namespace,
            instance: name,
            root: this,
            release,
            checksumKey: pulumi.secret(checksumKey.result),
        };
        const registrySecret = settings.registry.credentials
            ? createRegistrySecret(new ComponentScope(context, "registry"), settings.registry.credentials, child)
            : undefined;
        if (registrySecret) {
            context.imagePullSecrets = [{ name: REGISTRY_SECRET_NAME }];
            context.podDependencies = [registrySecret];
        }
        const objects =
            settings.release === "1.0"
                ? createRelease1_0(context, settings, registrySecret, this)
                : createRelease4_4(context, settings, registrySecret, this);

        this.namespace = pulumi.output(context.namespace);
        this.nodePort = pulumi.output(settings.exposure.type === "nodePort" ? settings.exposure.nodePort : undefined);
        this.url = pulumi.output(publicUrl(settings.exposure));
        this.serviceNames = objectNames(objects.services);
        this.secretNames = objectNames(objects.secrets);
        this.configMapNames = objectNames(objects.configMaps);
        this.clusterObjectNames = objectNames(objects.clusterObjects);
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
