import { AuthArgs, authSettings } from "./auth/settings";
import { DesktopArgs, desktopSettings } from "./desktop/settings";
import { ExposureArgs, exposureSettings } from "./exposure/settings";
import { ImagePrePullArgs, imagePrePullSettings } from "./imagePrePull/settings";
import { JwtKeysArgs, jwtKeysSettings } from "./jwtKeys/settings";
import { MemcachedArgs, memcachedSettings } from "./memcached/settings";
import { MongodbArgs, mongodbSettings } from "./mongodb/settings";
import { NginxArgs, nginxSettings } from "./nginx/settings";
import { OpenldapArgs, openldapSettings } from "./openldap/settings";
import { PyosArgs, pyosSettings } from "./pyos/settings";
import { RegistryArgs, registrySettings } from "./registry/settings";
import { DNS_LABEL, DNS_SUBDOMAIN } from "./shared/naming";
import { SettingsModule, SettingsOf } from "./shared/settingsModule";
import { SettingsCheck } from "./shared/validation";
import { SpeedtestArgs, speedtestSettings } from "./speedtest/settings";

export type { AuthArgs, LdapArgs } from "./auth/settings";
export type { DesktopArgs, DesktopSidecarArgs, HomeDirectoryArgs } from "./desktop/settings";
export type { ExposureArgs } from "./exposure/settings";
export type { ImagePrePullArgs } from "./imagePrePull/settings";
export type { JwtKeysArgs } from "./jwtKeys/settings";
export type { MemcachedArgs } from "./memcached/settings";
export type { MongodbArgs, MongodbStorageArgs } from "./mongodb/settings";
export type { NginxArgs } from "./nginx/settings";
export type { OpenldapArgs } from "./openldap/settings";
export type { PyosArgs } from "./pyos/settings";
export type { RegistryArgs, RegistryCredentialsArgs } from "./registry/settings";
export type { ImageArgs } from "./shared/image";
export type { ResourceQuantitiesArgs, ResourcesArgs } from "./shared/resources";
export type { SpeedtestArgs } from "./speedtest/settings";

/**
 * Arguments of the Abcdesktop component. Platform-wide settings sit at the top; each component has a block of its
 * own (`pyos`, `mongodb`, ...), as in a Helm chart's values. Every field is optional.
 */
export interface AbcdesktopArgs {
    /** Namespace of every namespaced object, a DNS-1123 label. Default `abcdesktop`. */
    namespace?: string;
    /** Create the namespace. Set false to deploy into a namespace that already exists and is managed elsewhere. Default `true`. */
    createNamespace?: boolean;
    /** The cluster's DNS domain, in every service FQDN the components are given. Default `cluster.local`. */
    clusterDomain?: string;
    /** Create NetworkPolicies so each service is reachable only by the components that call it; needs a network plugin that enforces them. Default `true`. */
    networkPolicies?: boolean;
    /** Keep data on `pulumi destroy`: the namespace, which holds MongoDB's volume claim, and MongoDB's passwords stay. False deletes everything, data included. Default `true`. */
    retainDataOnDestroy?: boolean;
    /** How users reach the platform. */
    exposure?: ExposureArgs;
    /** Where images come from, and the credentials to pull them. */
    registry?: RegistryArgs;
    /** How users log in. */
    auth?: AuthArgs;
    /** The JWT key pairs. */
    jwtKeys?: JwtKeysArgs;
    /** The 1.0 web front end and JWT router. */
    nginx?: NginxArgs;
    /** The API server. */
    pyos?: PyosArgs;
    /** MongoDB. */
    mongodb?: MongodbArgs;
    /** Memcached. */
    memcached?: MemcachedArgs;
    /** The bandwidth test. */
    speedtest?: SpeedtestArgs;
    /** The demo LDAP directory. */
    openldap?: OpenldapArgs;
    /** The user desktops pyos starts. */
    desktop?: DesktopArgs;
    /** Pre-pulling the desktop images onto every node. */
    imagePrePull?: ImagePrePullArgs;
}

/** Namespaces every cluster has: creating (and, on destroy, deleting) one of them is never what is meant. */
const CLUSTER_NAMESPACES = /^(default|kube-.*)$/;

type PlatformFields = Required<
    Pick<AbcdesktopArgs, "namespace" | "createNamespace" | "clusterDomain" | "networkPolicies" | "retainDataOnDestroy">
>;

/** The top-level settings: the platform's own, not a component's. */
export const platformSettings: SettingsModule<PlatformFields> = {
    defaults: {
        "1.0": {
            namespace: "abcdesktop",
            createNamespace: true,
            clusterDomain: "cluster.local",
            networkPolicies: true,
            retainDataOnDestroy: true,
        },
    },
    check(check: SettingsCheck) {
        check.pattern("namespace", DNS_LABEL, "a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)", 63);
        check.pattern("clusterDomain", DNS_SUBDOMAIN, "a DNS domain such as cluster.local");
        const namespace = check.value("namespace");
        if (check.value("createNamespace") === true && typeof namespace === "string" && CLUSTER_NAMESPACES.test(namespace)) {
            check.problem(
                "namespace",
                `${check.show("namespace")} exists in every cluster: with createNamespace true the stack would claim it (and delete it on destroy); set createNamespace: false to deploy into it, or choose another namespace`,
            );
        }
    },
};

/**
 * Every settings block, keyed as in the arguments: their defaults make the effective settings, their checks the
 * validation, their secret paths what is never shown, and the docs list them in this order.
 */
export const SETTINGS_BLOCKS = {
    exposure: exposureSettings,
    registry: registrySettings,
    auth: authSettings,
    jwtKeys: jwtKeysSettings,
    nginx: nginxSettings,
    pyos: pyosSettings,
    mongodb: mongodbSettings,
    memcached: memcachedSettings,
    speedtest: speedtestSettings,
    openldap: openldapSettings,
    desktop: desktopSettings,
    imagePrePull: imagePrePullSettings,
};

/** Every setting with its default applied: what the components read. */
export type AbcdesktopSettings = PlatformFields & { [K in keyof typeof SETTINGS_BLOCKS]: SettingsOf<(typeof SETTINGS_BLOCKS)[K]> };

/** Every block, as the generic machinery (defaults, validation, docs) walks them. */
export function settingsBlocks(): [key: string, block: SettingsModule<unknown>][] {
    return Object.entries(SETTINGS_BLOCKS) as [string, SettingsModule<unknown>][];
}
