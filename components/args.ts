import { AuthArgs, authSettings } from "./auth/settings";
import { ConsoleArgs, consoleSettings } from "./console/settings";
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
import { RouterArgs, routerSettings } from "./router/settings";
import { DNS_LABEL, DNS_SUBDOMAIN } from "./shared/naming";
import { PodSecurityLevel } from "./shared/podSecurity";
import { DEFAULT_RELEASE, inEveryRelease, Release, SettingsIn, SettingsModule } from "./shared/settingsModule";
import { SettingsCheck } from "./shared/validation";
import { SpeedtestArgs, speedtestSettings } from "./speedtest/settings";
import { WebsiteArgs, websiteSettings } from "./website/settings";

export type { AuthArgs, LdapArgs } from "./auth/settings";
export type { ConsoleArgs } from "./console/settings";
export type { DesktopArgs, DesktopSidecarArgs, HomeDirectoryArgs, TolerationArgs } from "./desktop/settings";
export type { ExposureArgs, ExposureGatewayArgs, ExposureProxyArgs, ExposureTlsArgs, GatewayParentRefArgs } from "./exposure/settings";
export type { ImagePrePullArgs } from "./imagePrePull/settings";
export type { JwtKeysArgs } from "./jwtKeys/settings";
export type { MemcachedArgs } from "./memcached/settings";
export type { MongodbArgs, MongodbStorageArgs } from "./mongodb/settings";
export type { NginxArgs } from "./nginx/settings";
export type { OpenldapArgs } from "./openldap/settings";
export type { PyosArgs } from "./pyos/settings";
export type { RegistryArgs, RegistryCredentialsArgs } from "./registry/settings";
export type { RouterArgs } from "./router/settings";
export type { AutoscalingArgs } from "./shared/scaling";
export type { ImageArgs } from "./shared/image";
export type { Release } from "./shared/settingsModule";
export type { ResourceQuantitiesArgs, ResourcesArgs } from "./shared/resources";
export type { SpeedtestArgs } from "./speedtest/settings";
export type { WebsiteArgs } from "./website/settings";

/**
 * Arguments of the Abcdesktop component. Platform-wide settings sit at the top; each component has a block of its
 * own (`pyos`, `mongodb`, ...), as in a Helm chart's values. Every field is optional.
 */
export interface AbcdesktopArgs {
    /** The abcdesktop release to install, `1.0` (the seed's Kubernetes mode; nodes need Docker Engine) or `4.4` (upstream's current line; any container runtime). It selects the components, their defaults and od.config (README, Choosing a release). Default `1.0`. */
    release?: Release;
    /** Allow the one update that switches an existing stack to another release. The switch replaces the platform (README, Switching releases): without this, `pulumi up` refuses it. Default `false`. */
    allowReleaseSwitch?: boolean;
    /** Namespace of every namespaced object, a DNS-1123 label. Default `abcdesktop`. */
    namespace?: string;
    /** Create the namespace. Set false to deploy into a namespace that already exists and is managed elsewhere. Default `true`. */
    createNamespace?: boolean;
    /**
     * The Pod Security Admission level the namespace the stack creates enforces (its label
     * `pod-security.kubernetes.io/enforce`). `none` leaves the cluster's default. `baseline` admits every pod of release
     * 4.4; release 1.0 needs `privileged` while its pyos mounts the node's Docker socket (a hostPath volume,
     * `pyos.mountDockerSocket`), and so do 4.4's user pods with `desktop.homeDirectory.type: hostPath`.
     * `restricted` is not offered: upstream's images run as root. Default `none`.
     */
    podSecurity?: PodSecurityLevel;
    /** The cluster's DNS domain, in every service FQDN the components are given. Default `cluster.local`. */
    clusterDomain?: string;
    /** Create NetworkPolicies so each service is reachable only by the components that call it; needs a network plugin that enforces them. Default `true`. */
    networkPolicies?: boolean;
    /**
     * How long `pulumi up` waits, in seconds, for each workload's pods to be ready (and a LoadBalancer front door's
     * address) before it fails, naming the object and the reason its pods give (an image that cannot be pulled, a pod
     * that cannot be scheduled). Objects already updated stay as they are; fix the cause and run `pulumi up` again
     * (README, Troubleshooting). The Kubernetes provider's own wait is ten minutes. Default `600`.
     */
    readinessTimeoutSeconds?: number;
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
    /** The 1.0 web front end and JWT router (release 1.0). */
    nginx?: NginxArgs;
    /** The 4.4 front door: JWT router in front of everything (release 4.4). */
    router?: RouterArgs;
    /** The 4.4 static web front end (release 4.4). */
    website?: WebsiteArgs;
    /** The 4.4 admin console (release 4.4). */
    console?: ConsoleArgs;
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
    Pick<
        AbcdesktopArgs,
        | "release"
        | "allowReleaseSwitch"
        | "namespace"
        | "createNamespace"
        | "podSecurity"
        | "clusterDomain"
        | "networkPolicies"
        | "readinessTimeoutSeconds"
        | "retainDataOnDestroy"
    >
>;

/** The 4.4 images whose default tag upstream rebuilds in place. */
const MOVING_TAG_IMAGES = ["router", "website", "console", "pyos", "memcached", "speedtest", "mongodb", "desktop"];

/** 4.4's defaults are upstream's tags, which move: say so until each image is pinned (README, Choosing a release). */
function warnOfMovingTags(check: SettingsCheck): void {
    if (check.release !== "4.4") return;
    const unpinned = MOVING_TAG_IMAGES.filter((block) => !check.isGiven(`${block}.image.tag`) && !check.isGiven(`${block}.image.digest`));
    if (unpinned.length === 0) return;
    check.warn(
        "release",
        `"4.4" runs upstream's tags, which upstream rebuilds in place, for ${unpinned.join(", ")}: pin each with <block>.image.digest for repeatable deployments (README, Choosing a release)`,
    );
}

/** The level is a label on the stack's own namespace, and one every pod of the release passes. */
function checkPodSecurity(check: SettingsCheck): void {
    const level = check.value("podSecurity");
    if (level === "none") return;
    if (check.value("createNamespace") === false) {
        check.problem(
            "podSecurity",
            `${check.show("podSecurity")} labels the namespace the stack creates, and createNamespace is false: label the namespace where it is managed (pod-security.kubernetes.io/enforce), or set podSecurity: "none"`,
        );
    }
    if (level === "baseline" && check.release === "1.0" && check.value("pyos.mountDockerSocket") === true) {
        check.problem(
            "podSecurity",
            `"baseline" refuses release 1.0's daemonset-pyos, which mounts the node's Docker socket (hostPath volume node-run); set podSecurity "privileged", or pyos.mountDockerSocket false`,
        );
    }
    // pyos creates the user pods after `pulumi up`: the API server would refuse each at login, not at deploy time.
    if (level === "baseline" && check.value("desktop.homeDirectory.type") === "hostPath") {
        check.problem(
            "podSecurity",
            `"baseline" refuses the user pods pyos starts with desktop.homeDirectory.type "hostPath", which mount the node's ${check.show("desktop.homeDirectory.hostPath")} (a hostPath volume); set podSecurity "privileged", or desktop.homeDirectory.type "volume" or "persistentVolumeClaim"`,
        );
    }
}

/** The top-level settings: the platform's own, not a component's. */
export const platformSettings: SettingsModule<Record<Release, PlatformFields>> = {
    defaults: inEveryRelease({
        release: DEFAULT_RELEASE,
        allowReleaseSwitch: false,
        namespace: "abcdesktop",
        createNamespace: true,
        podSecurity: "none",
        clusterDomain: "cluster.local",
        networkPolicies: true,
        readinessTimeoutSeconds: 600,
        retainDataOnDestroy: true,
    }),
    check(check: SettingsCheck) {
        check.pattern("namespace", DNS_LABEL, "a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)", 63);
        check.pattern("clusterDomain", DNS_SUBDOMAIN, "a DNS domain such as cluster.local");
        check.integerIn("readinessTimeoutSeconds", 1, 86_400, "a whole number of seconds from 1 to 86400 (a day)");
        warnOfMovingTags(check);
        checkPodSecurity(check);
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
    router: routerSettings,
    website: websiteSettings,
    console: consoleSettings,
    pyos: pyosSettings,
    mongodb: mongodbSettings,
    memcached: memcachedSettings,
    speedtest: speedtestSettings,
    openldap: openldapSettings,
    desktop: desktopSettings,
    imagePrePull: imagePrePullSettings,
};

type Blocks = typeof SETTINGS_BLOCKS;

/** The blocks release `R` has. */
export type BlocksOf<R extends Release> = { [K in keyof Blocks]: R extends keyof Blocks[K]["defaults"] ? K : never }[keyof Blocks];

/** Every setting of release `R` with its default applied: what that release's components read. */
export type ReleaseSettings<R extends Release> = Omit<PlatformFields, "release"> & { release: R } & {
    [K in BlocksOf<R>]: SettingsIn<Blocks[K], R>;
};

/** The effective settings of either release, told apart by `release`. */
export type AbcdesktopSettings = ReleaseSettings<"1.0"> | ReleaseSettings<"4.4">;

/** Every block, as the generic machinery (defaults, validation, docs) walks them. */
export function settingsBlocks(): [key: string, block: SettingsModule<Partial<Record<Release, object>>>][] {
    return Object.entries(SETTINGS_BLOCKS) as [string, SettingsModule<Partial<Record<Release, object>>>][];
}

/** The releases a block exists in. */
export function releasesOf(block: SettingsModule<Partial<Record<Release, object>>>): Release[] {
    return (Object.keys(block.defaults) as Release[]).filter((release) => block.defaults[release] !== undefined);
}
