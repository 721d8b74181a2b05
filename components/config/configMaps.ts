import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { DeploymentContext, namespacedMetadata } from "../context";
import { ldapDirectory } from "../auth/ldapDirectory";
import { REGISTRY_SECRET_NAME } from "../registrySecret";
import { AbcdesktopSettings } from "../settings";
import { HOME_DIRECTORY_CLAIM } from "../storage/homeDirectoryStorage";
import { renderNginxDefaultSite } from "./nginxConfig";
import { OdConfigSettings, renderOdConfig } from "./odConfig";

/** od.config settings from the component's settings, but the LDAP directory. */
export function odConfigSettings(settings: AbcdesktopSettings): Omit<OdConfigSettings, "ldap"> {
    return {
        namespace: settings.namespace,
        clusterDomain: settings.clusterDomain,
        userImage: settings.images.user.reference,
        printerImage: settings.printing ? settings.images.printer.reference : undefined,
        soundImage: settings.sound ? settings.images.sound.reference : undefined,
        imagePullPolicy: settings.images.user.pullPolicy as OdConfigSettings["imagePullPolicy"],
        imagePullSecretName: settings.registryCredentials ? REGISTRY_SECRET_NAME : undefined,
        anonymousAuth: settings.anonymousAuth,
        homeDirectory:
            settings.homeDirectory.type === "persistentVolumeClaim"
                ? { type: "persistentVolumeClaim", claimName: HOME_DIRECTORY_CLAIM }
                : { type: "volume" },
        overrides: settings.odConfigOverrides,
    };
}

/** The od.config text. */
export function odConfigText(settings: AbcdesktopSettings): string {
    const directory = ldapDirectory(settings);
    const ldap = directory && { url: directory.url, baseDn: directory.baseDn, bindDn: directory.bindDn };
    return renderOdConfig({ ...odConfigSettings(settings), ldap });
}

/** ConfigMaps `abcdesktop-config` (pyos's od.config) and `nginx-config` (nginx's site). */
export class AbcdesktopConfigMaps extends pulumi.ComponentResource {
    public readonly odConfig: k8s.core.v1.ConfigMap;
    public readonly nginxConfig: k8s.core.v1.ConfigMap;
    /** Key `od.config` of `abcdesktop-config`. */
    public readonly odConfigText: string;
    /** Key `default` of `nginx-config`. */
    public readonly siteText: string;

    constructor(name: string, context: DeploymentContext, opts?: pulumi.ComponentResourceOptions) {
        super("abcdesktop:index:AbcdesktopConfigMaps", name, {}, opts);
        const { settings } = context;
        this.odConfigText = odConfigText(settings);
        this.siteText = renderNginxDefaultSite({ namespace: settings.namespace, clusterDomain: settings.clusterDomain });
        this.odConfig = new k8s.core.v1.ConfigMap(
            `${name}-abcdesktop-config`,
            { metadata: namespacedMetadata(context, "abcdesktop-config"), data: { "od.config": this.odConfigText } },
            { parent: this },
        );
        this.nginxConfig = new k8s.core.v1.ConfigMap(
            `${name}-nginx-config`,
            { metadata: namespacedMetadata(context, "nginx-config"), data: { default: this.siteText } },
            { parent: this },
        );
        this.registerOutputs({});
    }
}
