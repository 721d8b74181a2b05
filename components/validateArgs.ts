import * as pulumi from "@pulumi/pulumi";
import { AbcdesktopArgs, AbcdesktopSettings, platformSettings, settingsBlocks } from "./args";
import { movedArgumentHint } from "./migration";
import schemaJson from "./schema.json";
import { defaultSettings, SECRET_SETTING_PATHS } from "./settings";
import { deepMerge } from "./shared/deepMerge";
import { formatPath, SettingPath } from "./shared/settingPath";
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
    const hidden = (path: SettingPath) => SECRET_SETTING_PATHS.includes(formatPath(path)) || (options.hidden?.(path) ?? false);
    const shapeCheck = new SettingsCheck(undefined, args, hidden);
    const component = PACKAGE_SCHEMA.resources[COMPONENT_TYPE];
    // What is of the wrong shape is reported, then left out, so that the checks below see defaults in its place.
    const wellFormed = new ShapeChecker(PACKAGE_SCHEMA, shapeCheck, movedArgumentHint).object(
        args,
        component.inputProperties,
        component.requiredInputs ?? [],
        [],
    );
    const settings = deepMerge(defaultSettings(), wellFormed);
    const check = new SettingsCheck(settings, wellFormed, hidden);
    for (const block of [platformSettings, ...settingsBlocks().map(([, b]) => b)]) block.check(check);
    return { problems: [...shapeCheck.problems, ...check.problems], warnings: check.warnings, settings };
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
