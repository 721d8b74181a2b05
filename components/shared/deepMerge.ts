import * as pulumi from "@pulumi/pulumi";

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value) && !pulumi.Output.isInstance(value);
}

/**
 * `given` laid over `defaults`, the way Helm merges values: objects field by field, every other value (a list, a
 * string, an Output) replaces the default as a whole; an undefined field keeps the default.
 */
export function deepMerge<T>(defaults: T, given: unknown): T {
    if (given === undefined) return defaults;
    if (!isPlainObject(defaults) || !isPlainObject(given)) return given as T;
    const merged: Record<string, unknown> = { ...defaults };
    for (const [key, value] of Object.entries(given)) {
        merged[key] = deepMerge(merged[key], value);
    }
    return merged as T;
}
