import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

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

/** Raised when stack config or an override is wrong; names the key and what is allowed. */
export class StackConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "StackConfigError";
    }
}

/**
 * Stands in for a stack secret render cannot decrypt (that needs the stack's secrets provider). Override it
 * with `--config key=value` to see a real value.
 */
export const UNDECRYPTED_SECRET = "stack-secret-not-decrypted-by-render";

function asConfigText(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

function checkType(key: string, declared: DeclaredConfig | undefined, text: string): void {
    const type = declared?.type;
    const ok =
        type === undefined ||
        type === "string" ||
        (type === "integer" && /^-?[0-9]+$/.test(text)) ||
        (type === "boolean" && (text === "true" || text === "false")) ||
        (type === "array" &&
            Array.isArray(
                (() => {
                    try {
                        return JSON.parse(text);
                    } catch {
                        return undefined;
                    }
                })(),
            ));
    if (!ok) {
        throw new StackConfigError(
            `config ${key}: ${JSON.stringify(text)} is not a valid ${type}` + (type === "boolean" ? " (allowed: true, false)" : ""),
        );
    }
}

/**
 * Pulumi.yaml defaults, then Pulumi.<stack>.yaml, then each `key=value` override as `pulumi config set` would,
 * then each secret override as `pulumi config set --secret` would.
 */
export function loadStackConfig(projectDir: string, stack: string, overrides: string[], secretOverrides: string[] = []): StackConfig {
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

    const config: Record<string, string> = {};
    const secretKeys = new Set<string>();
    const fullKey = (key: string) => (key.includes(":") ? key : `${project}:${key}`);
    const set = (key: string, text: string) => {
        const full = fullKey(key);
        if (full.startsWith(`${project}:`)) {
            checkType(full, declared[full.slice(project.length + 1)], text);
        }
        config[full] = text;
    };

    for (const [key, spec] of Object.entries(declared)) {
        if (spec.secret) secretKeys.add(fullKey(key));
        if (spec.default !== undefined) set(key, asConfigText(spec.default));
    }
    for (const [key, value] of Object.entries(stackFile.config ?? {})) {
        const isSecure = typeof value === "object" && value !== null && "secure" in value;
        if (isSecure) secretKeys.add(fullKey(key));
        set(key, isSecure ? UNDECRYPTED_SECRET : asConfigText(value));
    }
    const apply = (flag: string, override: string, secret: boolean) => {
        const eq = override.indexOf("=");
        if (eq <= 0) {
            throw new StackConfigError(
                `${flag} ${JSON.stringify(secret ? override.replace(/=.*/, "=...") : override)}: expected key=value`,
            );
        }
        const key = override.slice(0, eq);
        set(key, override.slice(eq + 1));
        if (secret) secretKeys.add(fullKey(key));
        else secretKeys.delete(fullKey(key));
    };
    overrides.forEach((override) => apply("--config", override, false));
    secretOverrides.forEach((override) => apply("--secret", override, true));
    return { project, stack, config, secretKeys: [...secretKeys] };
}
