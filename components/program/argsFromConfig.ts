import * as pulumi from "@pulumi/pulumi";
import { AbcdesktopArgs } from "../args";
import { MOVED_CONFIG_KEYS, migrateConfig } from "../migration";
import { SECRET_SETTING_PATHS } from "../settings";
import { expandPattern, formatPath, valueAt, withValueAt } from "../shared/settingPath";
import { nearestName } from "../shared/suggest";
import { AbcdesktopArgsError } from "../shared/validation";
import { COMPONENT_TYPE, PACKAGE_SCHEMA, validateArgs } from "../validateArgs";
import { parseConfigText } from "./configValues";

const ARGUMENTS = PACKAGE_SCHEMA.resources[COMPONENT_TYPE].inputProperties;

/**
 * Every key of the program's stack config: the component's top-level arguments, one to one (Pulumi.yaml declares
 * them, generated from the same schema). Structured settings are set with `pulumi config set --path`.
 */
export const PROGRAM_CONFIG_KEYS: readonly string[] = Object.keys(ARGUMENTS);

// The SDK's record of which config keys the engine passed as secrets; internal, so typed here.
const { isConfigSecret } = require("@pulumi/pulumi/runtime/config") as { isConfigSecret: (key: string) => boolean };

/** What to tell a user about a config key the program does not read. */
function unknownKeyProblem(project: string, key: string, value: unknown): string {
    const where = `config ${project}:${key}`;
    const migration = migrateConfig({ [key]: value });
    if (MOVED_CONFIG_KEYS[key] || migration.moves.length > 0) {
        const moves = migration.moves.map(([from, to]) => `${from} is now ${to}`).join("; ");
        const [, to] = migration.moves[0] ?? [key, MOVED_CONFIG_KEYS[key]];
        return (
            `${where}: renamed in 0.2.0: ${moves}. Set it with \`pulumi config set --path ${to} ...\`, ` +
            'or move every old key at once with `npm run migrate-config -- --stack <stack>` (CHANGELOG.md, "Migrating from 0.1")'
        );
    }
    const [head] = key.split(".");
    if (key.includes(".") && ARGUMENTS[head]) {
        return `${where}: is not a key; to set a field of ${head}, use \`pulumi config set --path ${key} ...\``;
    }
    const nearest = nearestName(key, [...PROGRAM_CONFIG_KEYS, ...Object.keys(MOVED_CONFIG_KEYS)]);
    const suggestion =
        nearest === undefined
            ? "."
            : MOVED_CONFIG_KEYS[nearest]
              ? `; did you mean ${JSON.stringify(nearest)}? That is ${MOVED_CONFIG_KEYS[nearest]} since 0.2.0: \`pulumi config set --path ${MOVED_CONFIG_KEYS[nearest]} ...\`.`
              : `; did you mean ${JSON.stringify(nearest)}?`;
    return `${where}: unknown setting${suggestion} Allowed: ${PROGRAM_CONFIG_KEYS.join(", ")} (see Pulumi.yaml)`;
}

/**
 * Reads the stack's config into the component's arguments, after checking everything the component would
 * check, so that every problem (of the config and of the settings) is reported at once, before anything is
 * registered, and no value the user gave as a secret appears in a message. Secret settings reach the component
 * as Pulumi secrets.
 */
export function argsFromConfig(config: pulumi.Config): AbcdesktopArgs {
    const project = config.name;
    const problems: string[] = [];
    const secretKeys = new Set<string>();
    let args: Record<string, unknown> = {};
    for (const [fullKey, text] of Object.entries(pulumi.runtime.allConfig())) {
        if (!fullKey.startsWith(`${project}:`)) continue;
        const key = fullKey.slice(project.length + 1);
        const secret = isConfigSecret(fullKey);
        if (secret) secretKeys.add(key);
        const property = ARGUMENTS[key];
        if (!property) {
            let raw: unknown = text;
            try {
                raw = JSON.parse(text);
            } catch {
                // a plain text value
            }
            problems.push(unknownKeyProblem(project, key, secret ? "(secret)" : raw));
            continue;
        }
        const { value, problem } = parseConfigText(text, property);
        if (problem) problems.push(`config ${project}:${key}: ${problem}`);
        // Pulumi.yaml's default for a settings block is {}: the same as not set.
        else if (!(value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0))
            args[key] = value;
    }
    const secretSettings = SECRET_SETTING_PATHS.flatMap((pattern) => expandPattern(args, pattern));
    for (const path of secretSettings) {
        const value = valueAt(args, path);
        if (value !== "" && !secretKeys.has(String(path[0]))) {
            const shown = formatPath(path);
            problems.push(`config ${project}:${shown} must be encrypted: set it with \`pulumi config set --path --secret ${shown} ...\``);
        }
    }
    // A value under a key given as a secret is never shown, whichever field of that key it is.
    const { problems: settingProblems } = validateArgs(args, { hidden: (path) => secretKeys.has(String(path[0])) });
    if (problems.length + settingProblems.length > 0) throw new AbcdesktopArgsError([...problems, ...settingProblems]);
    for (const path of secretSettings) {
        const value = valueAt(args, path);
        if (typeof value === "string") args = withValueAt(args, path, pulumi.secret(value)) as Record<string, unknown>;
    }
    return args as AbcdesktopArgs;
}
