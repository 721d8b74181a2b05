import * as pulumi from "@pulumi/pulumi";
import { AbcdesktopArgs, ImageArgs, ImagesArgs, ResourcesArgs } from "../args";

/**
 * Every key of the program's stack config (declared with types and defaults in Pulumi.yaml; a test keeps
 * the two lists equal). Any other key under the project's namespace is a typo and is refused.
 */
export const PROGRAM_CONFIG_KEYS = [
    "namespace",
    "createNamespace",
    "clusterDomain",
    "publicHostname",
    "nodePort",
    "jwtKeySize",
    "jwtKeyRotation",
    "imageRegistry",
    "imagePullPolicy",
    "images",
    "applicationImages",
    "registryServer",
    "registryUsername",
    "registryPassword",
    "registryDockerConfigJson",
    "homeDirectoryType",
    "homeDirectoryHostPath",
    "homeDirectoryCapacity",
    "homeDirectoryRequest",
    "homeDirectoryAccessMode",
    "mongodbStorageSize",
    "mongodbStorageClass",
    "mongodbRootPassword",
    "mongodbPyosPassword",
    "anonymousAuth",
    "ldapUrl",
    "ldapBaseDn",
    "ldapBindDn",
    "ldapBindPassword",
    "openldapDemo",
    "printing",
    "sound",
    "prePullImages",
    "pyosMountDockerSocket",
    "clusterWideRbac",
    "networkPolicies",
    "retainDataOnDestroy",
    "resources",
    "odConfigOverrides",
] as const;

/** Splits `repository:tag` (the repository may hold a registry with a port) into an image. */
export function parseImageReference(reference: string): ImageArgs {
    const slash = reference.lastIndexOf("/");
    const colon = reference.lastIndexOf(":");
    return colon > slash ? { repository: reference.slice(0, colon), tag: reference.slice(colon + 1) } : { repository: reference };
}

/** Raised when stack config holds keys the program does not know. */
export class UnknownConfigKeysError extends Error {
    constructor(project: string, keys: string[]) {
        super(
            `unknown config keys: ${keys.map((k) => `${project}:${k}`).join(", ")}; ` +
                `allowed: ${PROGRAM_CONFIG_KEYS.join(", ")} (see Pulumi.yaml)`,
        );
        this.name = "UnknownConfigKeysError";
    }
}

/** Refuses config keys under the project's namespace that the program does not read. */
export function assertKnownConfigKeys(project: string, allConfig: Record<string, string>): void {
    const known = new Set<string>(PROGRAM_CONFIG_KEYS);
    const unknown = Object.keys(allConfig)
        .filter((key) => key.startsWith(`${project}:`))
        .map((key) => key.slice(project.length + 1))
        .filter((key) => !known.has(key));
    if (unknown.length > 0) {
        throw new UnknownConfigKeysError(project, unknown.sort());
    }
}

function withoutUndefined<T extends object>(value: T): T | undefined {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return entries.length > 0 ? (Object.fromEntries(entries) as T) : undefined;
}

/** Reads the stack's config into the component's arguments. Defaults stay in the component, not here. */
export function argsFromConfig(config: pulumi.Config): AbcdesktopArgs {
    assertKnownConfigKeys(config.name, pulumi.runtime.allConfig());
    const images = config.getObject<ImagesArgs>("images") ?? {};
    const applicationImages = config.getObject<string[]>("applicationImages");
    const dockerConfigJson = config.getSecret("registryDockerConfigJson");
    const ldapUrl = config.get("ldapUrl");
    return {
        namespace: config.get("namespace"),
        createNamespace: config.getBoolean("createNamespace"),
        clusterDomain: config.get("clusterDomain"),
        publicHostname: config.get("publicHostname"),
        nodePort: config.getNumber("nodePort"),
        jwtKeySize: config.getNumber("jwtKeySize"),
        jwtKeyRotation: config.getNumber("jwtKeyRotation"),
        images: withoutUndefined<ImagesArgs>({
            ...images,
            registry: config.get("imageRegistry") ?? images.registry,
            pullPolicy: config.get("imagePullPolicy") ?? images.pullPolicy,
            applications: applicationImages?.map(parseImageReference) ?? images.applications,
        }),
        registryCredentials: dockerConfigJson
            ? { dockerConfigJson }
            : withoutUndefined({
                  server: config.get("registryServer"),
                  username: config.get("registryUsername"),
                  password: config.getSecret("registryPassword"),
              }),
        homeDirectory: withoutUndefined({
            type: config.get("homeDirectoryType"),
            hostPath: config.get("homeDirectoryHostPath"),
            capacity: config.get("homeDirectoryCapacity"),
            request: config.get("homeDirectoryRequest"),
            accessMode: config.get("homeDirectoryAccessMode"),
        }),
        mongodb: withoutUndefined({
            storageSize: config.get("mongodbStorageSize"),
            storageClassName: config.get("mongodbStorageClass"),
            rootPassword: config.getSecret("mongodbRootPassword"),
            pyosPassword: config.getSecret("mongodbPyosPassword"),
        }),
        auth: withoutUndefined({
            anonymous: config.getBoolean("anonymousAuth"),
            ldap: ldapUrl
                ? {
                      url: ldapUrl,
                      baseDn: config.get("ldapBaseDn") ?? "",
                      bindDn: config.get("ldapBindDn") ?? "",
                      bindPassword: config.getSecret("ldapBindPassword") ?? "",
                  }
                : undefined,
        }),
        openldapDemo: config.getBoolean("openldapDemo"),
        printing: config.getBoolean("printing"),
        sound: config.getBoolean("sound"),
        prePullImages: config.getBoolean("prePullImages"),
        pyosMountDockerSocket: config.getBoolean("pyosMountDockerSocket"),
        clusterWideRbac: config.getBoolean("clusterWideRbac"),
        networkPolicies: config.getBoolean("networkPolicies"),
        retainDataOnDestroy: config.getBoolean("retainDataOnDestroy"),
        resources: config.getObject<ResourcesArgs>("resources"),
        odConfigOverrides: config.getObject<Record<string, string>>("odConfigOverrides"),
    };
}
