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

/** Config keys holding secrets: they must be set with `pulumi config set --secret`. */
export const SECRET_CONFIG_KEYS = [
    "registryPassword",
    "registryDockerConfigJson",
    "ldapBindPassword",
    "mongodbRootPassword",
    "mongodbPyosPassword",
] as const;

/** Raised when a secret setting sits in clear text in the stack's config file. */
export class ClearTextSecretError extends Error {
    constructor(project: string, keys: string[]) {
        super(
            `config ${keys.map((k) => `${project}:${k}`).join(", ")} must be encrypted: set ${keys.length > 1 ? "them" : "it"} with ` +
                keys.map((k) => `\`pulumi config set --secret ${k} ...\``).join(", "),
        );
        this.name = "ClearTextSecretError";
    }
}

// The SDK's record of which config keys the engine passed as secrets; internal, so typed here.
const { isConfigSecret } = require("@pulumi/pulumi/runtime/config") as { isConfigSecret: (key: string) => boolean };

function withoutUndefined<T extends object>(value: T): T | undefined {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return entries.length > 0 ? (Object.fromEntries(entries) as T) : undefined;
}

/**
 * Reads the stack's config into the component's arguments. Defaults stay in the component, not here: the empty
 * values Pulumi.yaml declares as defaults (Pulumi requires a default for every optional key) mean "not set".
 */
export function argsFromConfig(config: pulumi.Config): AbcdesktopArgs {
    const all = pulumi.runtime.allConfig();
    assertKnownConfigKeys(config.name, all);
    const raw = (key: string) => all[`${config.name}:${key}`];
    const text = (key: string) => config.get(key) || undefined;
    const clearText = SECRET_CONFIG_KEYS.filter((key) => raw(key) && !isConfigSecret(`${config.name}:${key}`));
    if (clearText.length > 0) {
        throw new ClearTextSecretError(config.name, [...clearText]);
    }
    const secret = (key: (typeof SECRET_CONFIG_KEYS)[number]) => (raw(key) ? config.requireSecret(key) : undefined);
    const object = <T extends object>(key: string) => {
        const value = config.getObject<T>(key);
        return value && Object.keys(value).length > 0 ? value : undefined;
    };
    const images = object<ImagesArgs>("images") ?? {};
    const applicationImages = object<string[]>("applicationImages");
    const dockerConfigJson = secret("registryDockerConfigJson");
    const ldapUrl = text("ldapUrl");
    return {
        namespace: text("namespace"),
        createNamespace: config.getBoolean("createNamespace"),
        clusterDomain: text("clusterDomain"),
        publicHostname: text("publicHostname"),
        nodePort: config.getNumber("nodePort"),
        jwtKeySize: config.getNumber("jwtKeySize"),
        jwtKeyRotation: config.getNumber("jwtKeyRotation"),
        images: withoutUndefined<ImagesArgs>({
            ...images,
            registry: config.get("imageRegistry") ?? images.registry,
            pullPolicy: text("imagePullPolicy") ?? images.pullPolicy,
            applications: applicationImages?.map(parseImageReference) ?? images.applications,
        }),
        registryCredentials: dockerConfigJson
            ? { dockerConfigJson }
            : withoutUndefined({
                  server: text("registryServer"),
                  username: text("registryUsername"),
                  password: secret("registryPassword"),
              }),
        homeDirectory: withoutUndefined({
            type: text("homeDirectoryType"),
            hostPath: text("homeDirectoryHostPath"),
            capacity: text("homeDirectoryCapacity"),
            request: text("homeDirectoryRequest"),
            accessMode: text("homeDirectoryAccessMode"),
        }),
        mongodb: withoutUndefined({
            storageSize: text("mongodbStorageSize"),
            storageClassName: text("mongodbStorageClass"),
            rootPassword: secret("mongodbRootPassword"),
            pyosPassword: secret("mongodbPyosPassword"),
        }),
        auth: withoutUndefined({
            anonymous: config.getBoolean("anonymousAuth"),
            ldap: ldapUrl
                ? {
                      url: ldapUrl,
                      baseDn: text("ldapBaseDn") ?? "",
                      bindDn: text("ldapBindDn") ?? "",
                      bindPassword: secret("ldapBindPassword") ?? "",
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
        resources: object<ResourcesArgs>("resources"),
        odConfigOverrides: object<Record<string, string>>("odConfigOverrides"),
    };
}
