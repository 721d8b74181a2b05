import * as pulumi from "@pulumi/pulumi";
import { formatPath, SettingPath } from "./settingPath";
import { nearestName } from "./suggest";
import { SettingsCheck } from "./validation";

/** A property of the package schema Pulumi infers from the argument interfaces (components/schema.json). */
export interface SchemaProperty {
    type?: string;
    $ref?: string;
    items?: SchemaProperty;
    additionalProperties?: SchemaProperty;
    plain?: boolean;
    optional?: boolean;
    description?: string;
}

/** An object or enum type of the package schema. */
export interface SchemaType {
    type: string;
    description?: string;
    properties?: Record<string, SchemaProperty>;
    required?: string[];
    enum?: { value: unknown; name?: string }[];
}

export interface PackageSchema {
    name: string;
    resources: Record<string, { inputProperties: Record<string, SchemaProperty>; requiredInputs?: string[] }>;
    types: Record<string, SchemaType>;
}

/** What to say about a key the schema does not have at that place, before the generic "did you mean". */
export type UnknownKeyHint = (path: SettingPath, key: string, value: unknown) => string | undefined;

/** Walks arguments against the package schema: the one description of their shape, inferred from the interfaces. */
export class ShapeChecker {
    constructor(
        private readonly schema: PackageSchema,
        private readonly check: SettingsCheck,
        private readonly unknownKeyHint: UnknownKeyHint = () => undefined,
    ) {}

    /**
     * Reports every value of the wrong type, every unknown key and every missing required field under `value`,
     * and returns a copy without the wrong parts, so that the checks that follow see defaults in their place.
     */
    object(value: unknown, properties: Record<string, SchemaProperty>, required: readonly string[], path: SettingPath): unknown {
        if (value === undefined) return undefined;
        if (value === null || typeof value !== "object" || Array.isArray(value)) {
            this.check.problem(path, `expected an object with ${Object.keys(properties).join(", ")}; got ${this.shown(path, value)}`);
            return undefined;
        }
        const kept: Record<string, unknown> = {};
        for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
            const where = [...path, key];
            const property = properties[key];
            if (!property) {
                this.unknownKey(where, key, child, Object.keys(properties));
                continue;
            }
            const checked = this.property(child, property, where);
            if (checked !== undefined) kept[key] = checked;
        }
        for (const key of required) {
            if ((value as Record<string, unknown>)[key] === undefined) {
                this.check.problem([...path, key], `required when ${formatPath(path)} is set`);
            }
        }
        return kept;
    }

    private property(value: unknown, property: SchemaProperty, path: SettingPath): unknown {
        if (value === undefined || value === null) return undefined;
        if (pulumi.Output.isInstance(value)) {
            if (property.plain) {
                this.check.problem(path, "must be a plain value, not an Output: it decides which objects are created");
                return undefined;
            }
            // An Input resolved later (a secret from another resource, say): its content is checked when it resolves.
            return value;
        }
        if (property.$ref) {
            const type = this.schema.types[property.$ref.replace(/^#\/types\//, "")];
            if (!type) throw new Error(`package schema: no type ${property.$ref}`);
            if (type.enum) return this.enumValue(value, type, path);
            return this.object(value, type.properties ?? {}, type.required ?? [], path);
        }
        switch (property.type) {
            case "string":
                return this.scalar(value, "string", "a string", path);
            case "number":
            case "integer":
                return this.scalar(value, "number", "a number", path);
            case "boolean":
                return this.scalar(value, "boolean", "true or false", path);
            case "array": {
                if (!Array.isArray(value)) {
                    this.check.problem(path, `expected a list; got ${this.shown(path, value)}`);
                    return undefined;
                }
                const items = property.items ?? {};
                return value.map((item, i) => this.property(item, items, [...path, i])).filter((item) => item !== undefined);
            }
            case "object": {
                if (value === null || typeof value !== "object" || Array.isArray(value)) {
                    this.check.problem(path, `expected an object of names to values; got ${this.shown(path, value)}`);
                    return undefined;
                }
                const values = property.additionalProperties ?? {};
                return Object.fromEntries(
                    Object.entries(value as Record<string, unknown>)
                        .map(([key, item]) => [key, this.property(item, values, [...path, key])] as const)
                        .filter(([, item]) => item !== undefined),
                );
            }
            default:
                return value;
        }
    }

    private scalar(value: unknown, type: "string" | "number" | "boolean", what: string, path: SettingPath): unknown {
        if (typeof value === type && (type !== "number" || Number.isFinite(value))) return value;
        this.check.problem(path, `expected ${what}; got ${this.shown(path, value)}`);
        return undefined;
    }

    private enumValue(value: unknown, type: SchemaType, path: SettingPath): unknown {
        const allowed = (type.enum ?? []).map((member) => member.value);
        if (allowed.includes(value)) return value;
        const hint =
            typeof value === "string"
                ? nearestName(
                      value,
                      allowed.filter((a): a is string => typeof a === "string"),
                  )
                : undefined;
        this.check.problem(
            path,
            `${this.shown(path, value)} is not allowed; allowed: ${allowed.map((a) => JSON.stringify(a)).join(", ")}` +
                (hint ? ` (did you mean ${JSON.stringify(hint)}?)` : ""),
        );
        return undefined;
    }

    private unknownKey(path: SettingPath, key: string, value: unknown, allowed: string[]): void {
        const hint = this.unknownKeyHint(path, key, value);
        if (hint) {
            this.check.problem(path, hint);
            return;
        }
        const nearest = nearestName(key, allowed);
        this.check.problem(
            path,
            `unknown setting${nearest ? `; did you mean ${JSON.stringify(nearest)}?` : "."} Allowed here: ${allowed.join(", ")}`,
        );
    }

    private shown(path: SettingPath, value: unknown): string {
        return this.check.show(formatPath(path), value);
    }
}
