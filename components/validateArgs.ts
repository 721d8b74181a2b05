import * as pulumi from "@pulumi/pulumi";
import { AbcdesktopArgs, AbcdesktopSettings, platformSettings, releasesOf, settingsBlocks } from "./args";
import { movedArgumentHint } from "./migration";
import schemaJson from "./schema.json";
import { isSecretSetting, releaseDefaults } from "./settings";
import { deepMerge } from "./shared/deepMerge";
import { SettingPath } from "./shared/settingPath";
import { DEFAULT_RELEASE, Release, RELEASES } from "./shared/settingsModule";
import { PackageSchema, ShapeChecker } from "./shared/shape";
import { AbcdesktopArgsError, SettingsCheck } from "./shared/validation";

/** The component's type token in the package schema. */
export const COMPONENT_TYPE = "abcdesktop:index:Abcdesktop";

/** The package schema Pulumi infers from the argument interfaces: the one description of the arguments' shape. */
export const PACKAGE_SCHEMA = schemaJson as unknown as PackageSchema;

export interface ValidationOptions {
    /** Paths whose values must not be shown besides the secret settings (values the user gave as secrets). */
    hidden?: (path: SettingPath) => boolean;
}

export interface Validation {
    problems: string[];
    warnings: string[];
    /** The effective settings (the well-formed arguments over the defaults). */
    settings: AbcdesktopSettings;
}

/** Every problem with the arguments and every setting that has no effect, each naming the setting's path. */
export function validateArgs(args: AbcdesktopArgs, options: ValidationOptions = {}): Validation {
    const hidden = (path: SettingPath) => isSecretSetting(path) || (options.hidden?.(path) ?? false);
    const shapeCheck = new SettingsCheck(undefined, args, hidden);
    const component = PACKAGE_SCHEMA.resources[COMPONENT_TYPE];
    // What is of the wrong shape is reported, then left out, so that the checks below see defaults in its place.
    const wellFormed = <AbcdesktopArgs>(
        new ShapeChecker(PACKAGE_SCHEMA, shapeCheck, movedArgumentHint).object(
            args,
            component.inputProperties,
            component.requiredInputs ?? [],
            [],
        )
    );
    const release = RELEASES.includes(wellFormed.release as Release) ? (wellFormed.release as Release) : DEFAULT_RELEASE;
    const ofRelease = withoutOtherReleasesBlocks(wellFormed, release, shapeCheck);
    const settings = deepMerge(releaseDefaults(release), ofRelease);
    const check = new SettingsCheck(settings, ofRelease, hidden, release);
    const ofThisRelease = settingsBlocks().filter(([, block]) => releasesOf(block).includes(release));
    for (const block of [platformSettings, ...ofThisRelease.map(([, b]) => b)]) block.check(check);
    return { problems: [...shapeCheck.problems, ...check.problems], warnings: check.warnings, settings };
}

/** Whether a value holds anything a user set: Pulumi.yaml declares every block with an empty default. */
function holdsAValue(value: unknown): boolean {
    if (value === undefined) return false;
    if (typeof value !== "object" || value === null || Array.isArray(value) || pulumi.Output.isInstance(value)) return true;
    return Object.values(value).some(holdsAValue);
}

/** The arguments without the blocks `release` does not have; each one set is a problem that names its release. */
function withoutOtherReleasesBlocks(args: AbcdesktopArgs, release: Release, check: SettingsCheck): AbcdesktopArgs {
    const kept: Record<string, unknown> = { ...args };
    for (const [key, block] of settingsBlocks()) {
        const releases = releasesOf(block);
        if (releases.includes(release)) continue;
        if (holdsAValue(kept[key])) {
            check.problem(
                key,
                `is a block of release ${releases.map((r) => JSON.stringify(r)).join(" and ")}, and release is ${JSON.stringify(release)} (README, Choosing a release)`,
            );
        }
        delete kept[key];
    }
    return kept as AbcdesktopArgs;
}

/**
 * The effective settings of valid arguments; throws {@link AbcdesktopArgsError} listing every problem otherwise.
 * Settings that have no effect are logged as warnings.
 */
export function checkedSettings(args: AbcdesktopArgs, options: ValidationOptions = {}): AbcdesktopSettings {
    const { problems, warnings, settings } = validateArgs(args, options);
    if (problems.length > 0) throw new AbcdesktopArgsError(problems);
    for (const warning of warnings) void pulumi.log.warn(warning);
    return settings;
}
