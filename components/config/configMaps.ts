import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { DeploymentContext, namespacedMetadata } from "../context";
import { serviceFqdn } from "../naming";
import { REGISTRY_SECRET_NAME } from "../registrySecret";
import { AbcdesktopSettings } from "../settings";
import { HOME_DIRECTORY_CLAIM } from "../storage/homeDirectoryStorage";
import { renderNginxDefaultSite } from "./nginxConfig";
import { OdConfigSettings, renderOdConfig } from "./odConfig";

/** The demo directory's well-known Planet Express credentials (public test data, not a secret). */
export const OPENLDAP_DEMO_DIRECTORY = {
    baseDn: "ou=people,dc=planetexpress,dc=com",
    bindDn: "cn=admin,dc=planetexpress,dc=com",
    bindPassword: "GoodNewsEveryone",
} as const;

/** od.config settings from the component's settings, except the LDAP bind password, which may be a secret. */
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

/** The LDAP directory pyos logs users in with: the configured one, else the demo one when deployed. */
function ldapDirectory(settings: AbcdesktopSettings) {
    if (settings.ldap) {
        return settings.ldap;
    }
    if (settings.openldapDemo) {
        return { url: `ldap://${serviceFqdn("openldap", settings.namespace, settings.clusterDomain)}:389`, ...OPENLDAP_DEMO_DIRECTORY };
    }
    return undefined;
}

/** The od.config text; an output because an LDAP bind password may be a secret. */
export function odConfigText(settings: AbcdesktopSettings): pulumi.Output<string> {
    const base = odConfigSettings(settings);
    const ldap = ldapDirectory(settings);
    if (!ldap) {
        return pulumi.output(renderOdConfig(base));
    }
    return pulumi.output(ldap.bindPassword).apply((bindPassword) => renderOdConfig({ ...base, ldap: { ...ldap, bindPassword } }));
}

/** ConfigMaps `abcdesktop-config` (pyos's od.config) and `nginx-config` (nginx's site). */
export class AbcdesktopConfigMaps extends pulumi.ComponentResource {
    public readonly odConfig: k8s.core.v1.ConfigMap;
    public readonly nginxConfig: k8s.core.v1.ConfigMap;

    constructor(name: string, context: DeploymentContext, opts?: pulumi.ComponentResourceOptions) {
        super("abcdesktop:index:AbcdesktopConfigMaps", name, {}, opts);
        const { settings } = context;
        this.odConfig = new k8s.core.v1.ConfigMap(
            `${name}-abcdesktop-config`,
            { metadata: namespacedMetadata(context, "abcdesktop-config"), data: { "od.config": odConfigText(settings) } },
            { parent: this },
        );
        this.nginxConfig = new k8s.core.v1.ConfigMap(
            `${name}-nginx-config`,
            {
                metadata: namespacedMetadata(context, "nginx-config"),
                data: { default: renderNginxDefaultSite({ namespace: settings.namespace, clusterDomain: settings.clusterDomain }) },
            },
            { parent: this },
        );
        this.registerOutputs({});
    }
}
