import { AbcdesktopSettings, platformSettings, settingsBlocks } from "./args";
import { Release } from "./shared/settingsModule";

/** Every default of a release, as one settings tree shaped like the arguments. */
export function defaultSettings(release: Release = "1.0"): AbcdesktopSettings {
    const blocks = Object.fromEntries(settingsBlocks().map(([key, block]) => [key, block.defaults[release]]));
    return { ...platformSettings.defaults[release], ...blocks } as AbcdesktopSettings;
}

/** Paths of every secret setting: never shown in a message, always stored as a Pulumi secret. */
export const SECRET_SETTING_PATHS: readonly string[] = settingsBlocks().flatMap(([, block]) => block.secretPaths ?? []);
