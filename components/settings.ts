import { AbcdesktopSettings, platformSettings, ReleaseSettings, settingsBlocks } from "./args";
import { isUnderPattern, SettingPath } from "./shared/settingPath";
import { DEFAULT_RELEASE, Release } from "./shared/settingsModule";

/** Every default of a release, as one settings tree shaped like the arguments: the release's blocks only. */
export function defaultSettings<R extends Release = "1.0">(release: R = DEFAULT_RELEASE as R): ReleaseSettings<R> {
    const blocks = settingsBlocks().flatMap(([key, block]) => (block.defaults[release] ? [[key, block.defaults[release]]] : []));
    return { ...platformSettings.defaults[release], release, ...Object.fromEntries(blocks) } as ReleaseSettings<R>;
}

/** The defaults of whichever release `release` names. */
export function releaseDefaults(release: Release): AbcdesktopSettings {
    return release === "1.0" ? defaultSettings("1.0") : defaultSettings("4.4");
}

/**
 * Patterns of every secret setting (`*` for any key of a map, as in `auth.oauth.*.clientSecret`): never shown in a
 * message, always stored as a Pulumi secret.
 */
export const SECRET_SETTING_PATHS: readonly string[] = settingsBlocks().flatMap(([, block]) => block.secretPaths ?? []);

/** Whether the setting at `path` is secret, or lies inside one. */
export function isSecretSetting(path: SettingPath): boolean {
    return SECRET_SETTING_PATHS.some((pattern) => isUnderPattern(path, pattern));
}
