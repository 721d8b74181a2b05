import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { parsePath, withValueAt } from "../shared/settingPath";

/** A config key as Pulumi.yaml declares it. */
interface DeclaredConfig {
    type?: "string" | "integer" | "boolean" | "array";
    default?: unknown;
    secret?: boolean;
    description?: string;
}

/** Config ready for the runtime: `project:key` to text, plus which keys are secret. */
export interface StackConfig {
    project: string;
    stack: string;
    config: Record<string, string>;
    secretKeys: string[];
}

/** One `--config`/`--secret` override, as `pulumi config set [--secret] [--path]` would apply it. */
export interface ConfigOverride {
    /** `key=value`; with `path`, the key is a setting path such as `pyos.image.tag`. */
    assignment: string;
    secret: boolean;
    path: boolean;
}

/** Raised when stack config or an override is wrong; names the key and what is allowed. */
export class StackConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "StackConfigError";
    }
}

/**
 * Stands in for a stack secret render cannot decrypt (that needs the stack's secrets provider). Override it
 * with `--secret key=value` to see a real value.
 */
export const UNDECRYPTED_SECRET = "stack-secret-not-decrypted-by-render";

function asConfigText(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

function isEncrypted(value: unknown): boolean {
    return value !== null && typeof value === "object" && !Array.isArray(value) && "secure" in value;
}

/** A stack-file value with each encrypted leaf replaced by the placeholder, and whether it held any. */
function withoutCiphertext(value: unknown): { value: unknown; secret: boolean } {
    if (isEncrypted(value)) return { value: UNDECRYPTED_SECRET, secret: true };
    if (Array.isArray(value)) {
        const items = value.map(withoutCiphertext);
        return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
    }
    if (value !== null && typeof value === "object") {
        const entries = Object.entries(value).map(([k, v]) => [k, withoutCiphertext(v)] as const);
        return { value: Object.fromEntries(entries.map(([k, v]) => [k, v.value])), secret: entries.some(([, v]) => v.secret) };
    }
    return { value, secret: false };
}

/** A `--path` value as the CLI stores it: text, unless it spells a boolean or an integer. */
function pathValue(text: string): unknown {
    if (text === "true" || text === "false") return text === "true";
    if (/^-?[0-9]+$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
    return text;
}

function checkType(key: string, declared: DeclaredConfig | undefined, text: string): void {
    const type = declared?.type;
    const isArray = () => {
        try {
            return Array.isArray(JSON.parse(text));
        } catch {
            return false;
        }
    };
    const ok =
        type === undefined ||
        type === "string" ||
        (type === "integer" && /^-?[0-9]+$/.test(text)) ||
        (type === "boolean" && (text === "true" || text === "false")) ||
        (type === "array" && isArray());
    if (!ok) {
        throw new StackConfigError(
            `config ${key}: ${JSON.stringify(text)} is not a valid ${type}` + (type === "boolean" ? " (allowed: true, false)" : ""),
        );
    }
}

/**
 * Pulumi.yaml defaults, then Pulumi.<stack>.yaml, then each override in order, as `pulumi config set` would set
 * it (with `--path`, inside the structured value of its first key).
 */
export function loadStackConfig(projectDir: string, stack: string, overrides: ConfigOverride[] = []): StackConfig {
    const projectFile = parse(readFileSync(join(projectDir, "Pulumi.yaml"), "utf8")) as {
        name: string;
        config?: Record<string, DeclaredConfig>;
    };
    const project = projectFile.name;
    const declared = projectFile.config ?? {};
    const stackPath = join(projectDir, `Pulumi.${stack}.yaml`);
    if (!existsSync(stackPath)) {
        throw new StackConfigError(`stack ${JSON.stringify(stack)} has no Pulumi.${stack}.yaml in ${projectDir}`);
    }
    const stackFile = (parse(readFileSync(stackPath, "utf8")) ?? {}) as { config?: Record<string, unknown> };

    const values: Record<string, unknown> = {};
    const secretKeys = new Set<string>();
    const fullKey = (key: string) => (key.includes(":") ? key : `${project}:${key}`);

    for (const [key, spec] of Object.entries(declared)) {
        if (spec.secret) secretKeys.add(fullKey(key));
        if (spec.default !== undefined) values[fullKey(key)] = spec.default;
    }
    for (const [key, value] of Object.entries(stackFile.config ?? {})) {
        const { value: plain, secret } = withoutCiphertext(value);
        if (secret) secretKeys.add(fullKey(key));
        values[fullKey(key)] = plain;
    }
    for (const override of overrides) {
        const flag = override.secret ? "--secret" : "--config";
        const eq = override.assignment.indexOf("=");
        if (eq <= 0) {
            const shown = override.secret ? override.assignment.replace(/=.*/, "=...") : override.assignment;
            throw new StackConfigError(`${flag} ${JSON.stringify(shown)}: expected key=value`);
        }
        const key = override.assignment.slice(0, eq);
        const text = override.assignment.slice(eq + 1);
        if (override.path) {
            const [namespace, path] = key.includes(":")
                ? [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)]
                : [project, key];
            let parts: (string | number)[];
            try {
                parts = parsePath(path);
            } catch (error) {
                throw new StackConfigError(`${flag} ${key}: ${(error as Error).message}`);
            }
            const top = `${namespace}:${parts[0]}`;
            const current = values[top];
            const structured =
                typeof current === "string"
                    ? (() => {
                          try {
                              return JSON.parse(current);
                          } catch {
                              return undefined;
                          }
                      })()
                    : current;
            values[top] = parts.length === 1 ? pathValue(text) : withValueAt(structured, parts.slice(1), pathValue(text));
            if (override.secret) secretKeys.add(top);
        } else {
            values[fullKey(key)] = text;
            if (override.secret) secretKeys.add(fullKey(key));
            else secretKeys.delete(fullKey(key));
        }
    }
    const config: Record<string, string> = {};
    for (const [key, value] of Object.entries(values)) {
        const text = asConfigText(value);
        if (key.startsWith(`${project}:`)) checkType(key, declared[key.slice(project.length + 1)], text);
        config[key] = text;
    }
    return { project, stack, config, secretKeys: [...secretKeys] };
}
