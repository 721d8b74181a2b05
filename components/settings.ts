import * as pulumi from "@pulumi/pulumi";
import { AbcdesktopArgs, ContainerResourcesArgs, ImageArgs, LdapArgs } from "./args";

/** An image as a container needs it: a full reference with an explicit tag, and its pull policy. */
export interface ResolvedImage {
    reference: string;
    pullPolicy: string;
}

/** The platform images whose defaults the package pins. */
export type PlatformImageName =
    "nginx" | "pyos" | "mongodb" | "memcached" | "speedtest" | "openldap" | "user" | "printer" | "sound" | "pause";

/** The containers whose requests and limits can be set. */
export type SizedContainerName = "nginx" | "pyos" | "mongodb" | "memcached" | "speedtest" | "openldap";

/** Requests and limits of one container, every field set. */
export type ResolvedResources = Required<ContainerResourcesArgs>;

/** Registry credentials, resolved to one form. */
export interface ResolvedRegistryCredentials {
    server?: string;
    username?: string;
    password?: pulumi.Input<string>;
    dockerConfigJson?: pulumi.Input<string>;
}

/** Every setting with its default applied: what the child components read. */
export interface AbcdesktopSettings {
    namespace: string;
    createNamespace: boolean;
    clusterDomain: string;
    publicHostname: string;
    nodePort: number;
    jwtKeySize: number;
    jwtKeyRotation: number;
    images: Record<PlatformImageName, ResolvedImage>;
    applicationImages: ResolvedImage[];
    registryCredentials?: ResolvedRegistryCredentials;
    homeDirectory: {
        type: string;
        hostPath: string;
        capacity: string;
        request: string;
        accessMode: string;
    };
    mongodb: { storageSize: string; storageClassName?: string; rootPassword?: pulumi.Input<string>; pyosPassword?: pulumi.Input<string> };
    anonymousAuth: boolean;
    ldap?: LdapArgs;
    openldapDemo: boolean;
    printing: boolean;
    sound: boolean;
    prePullImages: boolean;
    pyosMountDockerSocket: boolean;
    clusterWideRbac: boolean;
    networkPolicies: boolean;
    retainDataOnDestroy: boolean;
    resources: Record<SizedContainerName, ResolvedResources>;
    odConfigOverrides: Record<string, string>;
}

/**
 * Default image of each platform container. Tags are pinned to the release the seed installs
 * (abcdesktop 1.x, conf `kubernetes/abcdesktop.yaml`); upstream left memcached and OpenLDAP untagged,
 * which means `latest`, so we pin them to versions of that era.
 */
export const DEFAULT_IMAGES: Record<PlatformImageName, Required<Pick<ImageArgs, "repository" | "tag">>> = {
    nginx: { repository: "abcdesktopio/oc.nginx", tag: "1.0" },
    pyos: { repository: "abcdesktopio/oc.pyos", tag: "1.1" },
    mongodb: { repository: "abcdesktopio/oc.mongo", tag: "1.0" },
    memcached: { repository: "memcached", tag: "1.6.17" },
    speedtest: { repository: "abcdesktopio/oc.speedtest", tag: "1.0" },
    openldap: { repository: "rroemhild/test-openldap", tag: "2.1" },
    user: { repository: "abcdesktopio/oc.user.18.04", tag: "1.0" },
    printer: { repository: "abcdesktopio/oc.cupsd.18.04", tag: "1.0" },
    sound: { repository: "abcdesktopio/oc.pulseaudio.18.04", tag: "1.0" },
    pause: { repository: "registry.k8s.io/pause", tag: "3.10" },
};

/**
 * The sample applications the seed's install script pulls at its 1.0 tag. The seed also names gnome-terminal,
 * but upstream never published a 1.0 tag of it (install.sh never pulled it): pre-pulling a missing image would
 * leave the DaemonSet failing, so it is left for users to add with the tag they have.
 */
export const DEFAULT_APPLICATION_IMAGES: Required<Pick<ImageArgs, "repository" | "tag">>[] = [
    "writer.d",
    "calc.d",
    "impress.d",
    "firefox.d",
    "gimp.d",
].map((name) => ({ repository: `abcdesktopio/${name}`, tag: "1.0" }));

/**
 * Default requests and limits: nginx's and pyos's are upstream's (1.x manifest); the others, which upstream
 * left unbounded in 1.x, take upstream 4.4's values.
 */
export const DEFAULT_RESOURCES: Record<SizedContainerName, ResolvedResources> = {
    nginx: { cpuRequest: "250m", memoryRequest: "64Mi", cpuLimit: "2", memoryLimit: "512Mi" },
    pyos: { cpuRequest: "500m", memoryRequest: "128Mi", cpuLimit: "2", memoryLimit: "512Mi" },
    mongodb: { cpuRequest: "100m", memoryRequest: "128Mi", cpuLimit: "500m", memoryLimit: "512Mi" },
    memcached: { cpuRequest: "100m", memoryRequest: "16Mi", cpuLimit: "200m", memoryLimit: "64Mi" },
    speedtest: { cpuRequest: "100m", memoryRequest: "32Mi", cpuLimit: "500m", memoryLimit: "128Mi" },
    openldap: { cpuRequest: "100m", memoryRequest: "128Mi", cpuLimit: "500m", memoryLimit: "2Gi" },
};

/** All defaults in one visible place. */
export const DEFAULTS = {
    namespace: "abcdesktop",
    createNamespace: true,
    clusterDomain: "cluster.local",
    publicHostname: "localhost",
    nodePort: 30443,
    jwtKeySize: 2048,
    jwtKeyRotation: 0,
    imageRegistry: "",
    imagePullPolicy: "IfNotPresent",
    homeDirectory: {
        type: "volume",
        hostPath: "/var/lib/abcdesktop/home",
        capacity: "10Gi",
        request: "3Gi",
        accessMode: "ReadWriteMany",
    },
    mongodbStorageSize: "2Gi",
    anonymousAuth: true,
    openldapDemo: false,
    printing: false,
    sound: false,
    prePullImages: false,
    pyosMountDockerSocket: false,
    clusterWideRbac: false,
    networkPolicies: true,
    retainDataOnDestroy: true,
} as const;

/** Joins registry, repository and tag; a trailing slash on the registry is tolerated. */
export function imageReference(registry: string, repository: string, tag: string): string {
    const prefix = registry.replace(/\/+$/, "");
    return `${prefix ? `${prefix}/` : ""}${repository}:${tag}`;
}

function resolveImage(
    given: ImageArgs | undefined,
    fallback: Required<Pick<ImageArgs, "repository" | "tag">>,
    registry: string,
    pullPolicy: string,
): ResolvedImage {
    return {
        reference: imageReference(given?.registry ?? registry, given?.repository ?? fallback.repository, given?.tag ?? fallback.tag),
        pullPolicy: given?.pullPolicy ?? pullPolicy,
    };
}

/** A container's requests and limits: the given fields over its defaults. */
export function resolveResources(name: SizedContainerName, given: ContainerResourcesArgs | undefined): ResolvedResources {
    const defined = Object.fromEntries(Object.entries(given ?? {}).filter(([, v]) => v !== undefined));
    return { ...DEFAULT_RESOURCES[name], ...defined };
}

/** Applies every default. Call only on arguments that passed `validateArgs`. */
export function resolveSettings(args: AbcdesktopArgs): AbcdesktopSettings {
    const registry = args.images?.registry ?? DEFAULTS.imageRegistry;
    const pullPolicy = args.images?.pullPolicy ?? DEFAULTS.imagePullPolicy;
    const images = Object.fromEntries(
        (Object.keys(DEFAULT_IMAGES) as PlatformImageName[]).map((name) => [
            name,
            resolveImage(args.images?.[name], DEFAULT_IMAGES[name], registry, pullPolicy),
        ]),
    ) as Record<PlatformImageName, ResolvedImage>;
    const applicationImages = args.images?.applications
        ? args.images.applications.map((image) =>
              resolveImage(image, { repository: image.repository ?? "", tag: image.tag ?? "" }, registry, pullPolicy),
          )
        : DEFAULT_APPLICATION_IMAGES.map((image) => resolveImage(undefined, image, registry, pullPolicy));
    const home = args.homeDirectory ?? {};
    return {
        namespace: args.namespace ?? DEFAULTS.namespace,
        createNamespace: args.createNamespace ?? DEFAULTS.createNamespace,
        clusterDomain: args.clusterDomain ?? DEFAULTS.clusterDomain,
        publicHostname: args.publicHostname ?? DEFAULTS.publicHostname,
        nodePort: args.nodePort ?? DEFAULTS.nodePort,
        jwtKeySize: args.jwtKeySize ?? DEFAULTS.jwtKeySize,
        jwtKeyRotation: args.jwtKeyRotation ?? DEFAULTS.jwtKeyRotation,
        images,
        applicationImages,
        registryCredentials: args.registryCredentials,
        homeDirectory: {
            type: home.type ?? DEFAULTS.homeDirectory.type,
            hostPath: home.hostPath ?? DEFAULTS.homeDirectory.hostPath,
            capacity: home.capacity ?? DEFAULTS.homeDirectory.capacity,
            request: home.request ?? DEFAULTS.homeDirectory.request,
            accessMode: home.accessMode ?? DEFAULTS.homeDirectory.accessMode,
        },
        mongodb: {
            storageSize: args.mongodb?.storageSize ?? DEFAULTS.mongodbStorageSize,
            storageClassName: args.mongodb?.storageClassName || undefined,
            rootPassword: args.mongodb?.rootPassword,
            pyosPassword: args.mongodb?.pyosPassword,
        },
        anonymousAuth: args.auth?.anonymous ?? DEFAULTS.anonymousAuth,
        ldap: args.auth?.ldap,
        openldapDemo: args.openldapDemo ?? DEFAULTS.openldapDemo,
        printing: args.printing ?? DEFAULTS.printing,
        sound: args.sound ?? DEFAULTS.sound,
        prePullImages: args.prePullImages ?? DEFAULTS.prePullImages,
        pyosMountDockerSocket: args.pyosMountDockerSocket ?? DEFAULTS.pyosMountDockerSocket,
        clusterWideRbac: args.clusterWideRbac ?? DEFAULTS.clusterWideRbac,
        networkPolicies: args.networkPolicies ?? DEFAULTS.networkPolicies,
        retainDataOnDestroy: args.retainDataOnDestroy ?? DEFAULTS.retainDataOnDestroy,
        resources: Object.fromEntries(
            (Object.keys(DEFAULT_RESOURCES) as SizedContainerName[]).map((name) => [name, resolveResources(name, args.resources?.[name])]),
        ) as Record<SizedContainerName, ResolvedResources>,
        odConfigOverrides: args.odConfigOverrides ?? {},
    };
}
