import { PACKAGE_SCHEMA } from "../validateArgs";
import { SchemaProperty } from "../shared/shape";

/**
 * A config value as the component takes it. `pulumi config set --path` stores what it is given as text unless
 * it looks like a number or a boolean, and hand-edited stack files hold either: where the schema expects a
 * number or a boolean, text that spells one is read as one. Anything else is left for the shape check to refuse.
 */
export function coerceConfigValue(value: unknown, property: SchemaProperty): unknown {
    if (property.$ref) {
        const type = PACKAGE_SCHEMA.types[property.$ref.replace(/^#\/types\//, "")];
        // An enum of text such as release 4.4, which a hand-written stack file may hold as a number.
        if (type?.enum && typeof value === "number" && type.enum.some((member) => member.value === String(value))) return String(value);
        if (!type?.properties || value === null || typeof value !== "object" || Array.isArray(value)) return value;
        const properties = type.properties;
        return Object.fromEntries(
            Object.entries(value).map(([key, child]) => [key, properties[key] ? coerceConfigValue(child, properties[key]) : child]),
        );
    }
    if (property.type === "number" && typeof value === "string" && /^-?[0-9]+(\.[0-9]+)?$/.test(value)) return Number(value);
    if (property.type === "boolean" && (value === "true" || value === "false")) return value === "true";
    if (property.type === "array" && Array.isArray(value) && property.items) {
        return value.map((item) => coerceConfigValue(item, property.items!));
    }
    if (
        property.type === "object" &&
        property.additionalProperties &&
        value !== null &&
        typeof value === "object" &&
        !Array.isArray(value)
    ) {
        return Object.fromEntries(
            Object.entries(value).map(([key, child]) => [key, coerceConfigValue(child, property.additionalProperties!)]),
        );
    }
    return value;
}

/** A top-level config value from the engine's text: objects and lists are JSON, scalars plain text. */
export function parseConfigText(text: string, property: SchemaProperty): { value?: unknown; problem?: string } {
    const type = property.$ref ? PACKAGE_SCHEMA.types[property.$ref.replace(/^#\/types\//, "")] : undefined;
    const structured = (property.$ref !== undefined && !type?.enum) || property.type === "array" || property.type === "object";
    if (!structured) return { value: coerceConfigValue(text, property) };
    try {
        return { value: coerceConfigValue(JSON.parse(text), property) };
    } catch {
        return { problem: `expected a structured value (set its fields with \`pulumi config set --path\`); got text that is not JSON` };
    }
}
