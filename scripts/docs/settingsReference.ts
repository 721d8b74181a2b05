// The settings reference: every setting's path (the same for `pulumi config set --path` and for the component's
// arguments), type, default and description, from the package schema and the release's defaults.
import { defaultSettings } from "../../components/settings";
import { formatPath, SettingPath, valueAt } from "../../components/shared/settingPath";
import { COMPONENT_TYPE, PACKAGE_SCHEMA } from "../../components/validateArgs";
import { SchemaProperty } from "../../components/shared/shape";
import { escapeCell, tableRow } from "./markdown";

/** One setting of the reference. */
export interface SettingRow {
    path: string;
    type: string;
    default: unknown;
    description: string;
    secret: boolean;
}

function typeName(property: SchemaProperty): string {
    if (property.$ref) {
        const type = PACKAGE_SCHEMA.types[property.$ref.replace(/^#\/types\//, "")];
        if (type?.enum) return type.enum.map((member) => `\`${String(member.value)}\``).join(" | ");
        return "object";
    }
    if (property.type === "array") return `list of ${property.items ? typeName(property.items) : "any"}`;
    if (property.type === "object") return `map of ${property.additionalProperties ? typeName(property.additionalProperties) : "any"}`;
    return property.type ?? "any";
}

/** A description without its "Default `x`." sentence, which the Default column shows. */
export function withoutDefaultSentence(description: string): string {
    return description.replace(/\s*Default `[^`]*`\.?(?=\s|$)/g, "").trim();
}

/** Every leaf setting in schema order, objects walked into (lists and maps are leaves). */
export function settingRows(secretPaths: readonly string[]): SettingRow[] {
    const defaults = defaultSettings();
    const rows: SettingRow[] = [];
    const walk = (properties: Record<string, SchemaProperty>, path: SettingPath) => {
        for (const [key, property] of Object.entries(properties)) {
            const where = [...path, key];
            const type = property.$ref ? PACKAGE_SCHEMA.types[property.$ref.replace(/^#\/types\//, "")] : undefined;
            if (type?.properties) {
                walk(type.properties, where);
                continue;
            }
            const shown = formatPath(where);
            rows.push({
                path: shown,
                type: typeName(property),
                default: valueAt(defaults, where),
                description: property.description ?? "",
                secret: secretPaths.includes(shown),
            });
        }
    };
    walk(PACKAGE_SCHEMA.resources[COMPONENT_TYPE].inputProperties, []);
    return rows;
}

/** A default as the docs write it between backquotes: text as is, `""` for empty text, anything else as JSON. */
export function defaultText(value: unknown): string {
    if (value === "") return '""';
    return typeof value === "string" ? value : JSON.stringify(value);
}

function defaultCell(value: unknown): string {
    return value === undefined ? "" : `\`${defaultText(value)}\``;
}

/** The Markdown table of every setting. */
export function settingsReferenceTable(secretPaths: readonly string[]): string {
    const rows = settingRows(secretPaths).map((row) =>
        tableRow([
            `\`${row.path}\``,
            escapeCell(row.secret ? `${row.type}, secret` : row.type),
            escapeCell(defaultCell(row.default)),
            escapeCell(withoutDefaultSentence(row.description)),
        ]),
    );
    return [tableRow(["Setting", "Type", "Default", "Description"]), "|---|---|---|---|", ...rows].join("\n");
}
