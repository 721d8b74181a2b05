// Settings renamed in 0.2.0, when each component got a block of its own. One table serves the component's
// messages, the program's messages, `npm run migrate-config` and the CHANGELOG's migration table.
import { imageReference } from "./shared/image";
import { formatPath, parsePath, SettingPath, valueAt, withValueAt } from "./shared/settingPath";

/** Old image names of `images.<name>` and the block each image now belongs to. */
const IMAGE_MOVES: Record<string, string> = {
    nginx: "nginx.image",
    pyos: "pyos.image",
    mongodb: "mongodb.image",
    memcached: "memcached.image",
    speedtest: "speedtest.image",
    openldap: "openldap.image",
    user: "desktop.image",
    printer: "desktop.printer.image",
    sound: "desktop.sound.image",
    pause: "imagePrePull.pauseImage",
};

const RESOURCE_FIELDS: Record<string, string> = {
    cpuRequest: "requests.cpu",
    memoryRequest: "requests.memory",
    cpuLimit: "limits.cpu",
    memoryLimit: "limits.memory",
};

/**
 * Component arguments of 0.1 and where each now lives. A key maps its whole subtree: `images.pyos` to
 * `pyos.image` moves `images.pyos.tag` to `pyos.image.tag`.
 */
export const MOVED_ARGUMENTS: Readonly<Record<string, string>> = {
    publicHostname: "exposure.hostname",
    nodePort: "exposure.nodePort",
    jwtKeySize: "jwtKeys.size",
    jwtKeyRotation: "jwtKeys.rotation",
    "images.registry": "registry.prefix",
    "images.pullPolicy": "registry.pullPolicy",
    "images.applications": "imagePrePull.applications",
    ...Object.fromEntries(Object.entries(IMAGE_MOVES).map(([image, path]) => [`images.${image}`, path])),
    registryCredentials: "registry.credentials",
    homeDirectory: "desktop.homeDirectory",
    "mongodb.storageSize": "mongodb.storage.size",
    "mongodb.storageClassName": "mongodb.storage.className",
    openldapDemo: "openldap.enabled",
    printing: "desktop.printer.enabled",
    sound: "desktop.sound.enabled",
    prePullImages: "imagePrePull.enabled",
    pyosMountDockerSocket: "pyos.mountDockerSocket",
    clusterWideRbac: "pyos.clusterWideRbac",
    ...Object.fromEntries(
        ["nginx", "pyos", "mongodb", "memcached", "speedtest", "openldap"].flatMap((block) =>
            Object.entries(RESOURCE_FIELDS).map(([old, path]) => [`resources.${block}.${old}`, `${block}.resources.${path}`]),
        ),
    ),
    odConfigOverrides: "pyos.odConfigOverrides",
};

/** Stack config keys of 0.1 (one flat key each) and the setting path each now is. */
export const MOVED_CONFIG_KEYS: Readonly<Record<string, string>> = {
    publicHostname: "exposure.hostname",
    nodePort: "exposure.nodePort",
    jwtKeySize: "jwtKeys.size",
    jwtKeyRotation: "jwtKeys.rotation",
    imageRegistry: "registry.prefix",
    imagePullPolicy: "registry.pullPolicy",
    applicationImages: "imagePrePull.applications",
    registryServer: "registry.credentials.server",
    registryUsername: "registry.credentials.username",
    registryPassword: "registry.credentials.password",
    registryDockerConfigJson: "registry.credentials.dockerConfigJson",
    homeDirectoryType: "desktop.homeDirectory.type",
    homeDirectoryHostPath: "desktop.homeDirectory.hostPath",
    homeDirectoryCapacity: "desktop.homeDirectory.capacity",
    homeDirectoryRequest: "desktop.homeDirectory.request",
    homeDirectoryAccessMode: "desktop.homeDirectory.accessMode",
    mongodbStorageSize: "mongodb.storage.size",
    mongodbStorageClass: "mongodb.storage.className",
    mongodbRootPassword: "mongodb.rootPassword",
    mongodbPyosPassword: "mongodb.pyosPassword",
    anonymousAuth: "auth.anonymous",
    ldapUrl: "auth.ldap.url",
    ldapBaseDn: "auth.ldap.baseDn",
    ldapBindDn: "auth.ldap.bindDn",
    ldapBindPassword: "auth.ldap.bindPassword",
    openldapDemo: "openldap.enabled",
    printing: "desktop.printer.enabled",
    sound: "desktop.sound.enabled",
    prePullImages: "imagePrePull.enabled",
    pyosMountDockerSocket: "pyos.mountDockerSocket",
    clusterWideRbac: "pyos.clusterWideRbac",
};

/** Config keys of 0.1 that held objects shaped like the 0.1 arguments (`images.pyos.tag`...). */
const MOVED_CONFIG_OBJECTS = ["images", "resources", "odConfigOverrides"];

/** Where an old argument path now lives, or undefined when it never was one. */
export function movedArgumentPath(path: SettingPath): SettingPath | undefined {
    for (let length = path.length; length > 0; length--) {
        const moved = MOVED_ARGUMENTS[formatPath(path.slice(0, length))];
        if (moved) return [...parsePath(moved), ...path.slice(length)];
    }
    return undefined;
}

/** An encrypted stack-file value (`{secure: ...}`): moved as it is, never looked into. */
function isEncrypted(value: unknown): boolean {
    return value !== null && typeof value === "object" && Object.keys(value).length === 1 && "secure" in value;
}

/** Every leaf under a value, with its path relative to it (a list, or an encrypted value, is one leaf). */
function leaves(value: unknown, path: SettingPath = []): [SettingPath, unknown][] {
    if (value !== null && typeof value === "object" && !Array.isArray(value) && !isEncrypted(value)) {
        return Object.entries(value).flatMap(([key, child]) => leaves(child, [...path, key]));
    }
    return [[path, value]];
}

/**
 * The message for an argument of 0.1 the schema no longer has: each of its values and where that now goes, or
 * undefined when the key is not an old one.
 */
export function movedArgumentHint(path: SettingPath, _key: string, value: unknown): string | undefined {
    const moves = leaves(value, path)
        .map(([leaf]) => [leaf, movedArgumentPath(leaf)] as const)
        .filter((move): move is readonly [SettingPath, SettingPath] => move[1] !== undefined);
    if (moves.length === 0) return undefined;
    const list = moves.map(([from, to]) => `${formatPath(from)} is now ${formatPath(to)}`).join("; ");
    return `renamed in 0.2.0: ${list} (see CHANGELOG.md, "Migrating from 0.1")`;
}

/** 0.1 listed application images as objects; 0.2 as references (`abcdesktopio/firefox.d:1.0`). */
function asApplicationReferences(to: SettingPath, value: unknown): unknown {
    if (formatPath(to) !== "imagePrePull.applications" || !Array.isArray(value)) return value;
    return value.map((item) => {
        if (item === null || typeof item !== "object") return item;
        const image = item as { registry?: string; repository?: string; tag?: string };
        return imageReference(image.registry ?? "", image.repository ?? "", image.tag);
    });
}

/** A stack's config, moved from 0.1's keys to 0.2's settings. */
export interface ConfigMigration {
    /** The new config: top-level key to value, objects for the settings blocks. */
    config: Record<string, unknown>;
    /** Each old key (or old object leaf) and the setting it became. */
    moves: [from: string, to: string][];
}

/**
 * Moves 0.1 config values to their 0.2 settings. `config` maps keys without the project prefix to values (objects
 * for structured keys); keys that did not move are kept as they are, values untouched (encrypted ones included).
 */
export function migrateConfig(config: Record<string, unknown>): ConfigMigration {
    let migrated: Record<string, unknown> = {};
    const moves: [string, string][] = [];
    const put = (from: string, to: SettingPath, value: unknown) => {
        migrated = withValueAt(migrated, to, asApplicationReferences(to, value)) as Record<string, unknown>;
        moves.push([from, formatPath(to)]);
    };
    for (const [key, value] of Object.entries(config)) {
        if (MOVED_CONFIG_KEYS[key]) {
            put(key, parsePath(MOVED_CONFIG_KEYS[key]), value);
        } else if (MOVED_CONFIG_OBJECTS.includes(key) && value !== null && typeof value === "object" && !isEncrypted(value)) {
            for (const [leaf, leafValue] of leaves(value, [key])) {
                const to = movedArgumentPath(leaf);
                if (to) put(formatPath(leaf), to, leafValue);
                else migrated = withValueAt(migrated, leaf, leafValue) as Record<string, unknown>;
            }
        } else if (valueAt(migrated, [key]) === undefined) {
            migrated[key] = value;
        } else {
            // A block the migration already started (e.g. `mongodb` from mongodbStorageSize) and a value given
            // for it under its new name: the new name's fields win.
            migrated[key] = { ...(migrated[key] as object), ...(value as object) };
        }
    }
    return { config: migrated, moves };
}
