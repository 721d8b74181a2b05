// The settings reference: every setting's path (the same for `pulumi config set --path` and for the component's
// arguments), type, default and description, from the package schema and the release's defaults.
import { defaultSettings, isSecretSetting } from "../../components/settings";
import { SettingPath, valueAt } from "../../components/shared/settingPath";
import { DEFAULT_RELEASE, Release, RELEASES } from "../../components/shared/settingsModule";
import { COMPONENT_TYPE, PACKAGE_SCHEMA } from "../../components/validateArgs";
import { SchemaProperty } from "../../components/shared/shape";
import { escapeCell, tableRow } from "./markdown";

/** One setting of the reference. */
export interface SettingRow {
    path: string;
    type: string;
    /** The default in each release; undefined where there is none, or where the release has no such block. */
    defaults: Record<Release, unknown>;
    /** The releases whose settings have this setting's block. */
    releases: Release[];
    description: string;
    secret: boolean;
}

/** The key a map's entries are written with in the reference, e.g. `auth.oauth.<name>.clientId`. */
export const MAP_ENTRY = "<name>";

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

function objectType(property: SchemaProperty | undefined) {
    return property?.$ref ? PACKAGE_SCHEMA.types[property.$ref.replace(/^#\/types\//, "")] : undefined;
}

/** Every leaf setting in schema order, objects and maps of objects walked into (lists and other maps are leaves). */
export function settingRows(): SettingRow[] {
    // Each release's defaults say which release they are for; the `release` setting's own default is one for all.
    const defaults = Object.fromEntries(
        RELEASES.map((release) => [release, { ...defaultSettings(release), release: DEFAULT_RELEASE }]),
    ) as Record<Release, unknown>;
    const rows: SettingRow[] = [];
    const walk = (properties: Record<string, SchemaProperty>, path: SettingPath) => {
        for (const [key, property] of Object.entries(properties)) {
            const where = [...path, key];
            const type = objectType(property);
            if (type?.properties) {
                walk(type.properties, where);
                continue;
            }
            const entryType = property.type === "object" ? objectType(property.additionalProperties) : undefined;
            if (entryType?.properties) {
                walk(entryType.properties, [...where, MAP_ENTRY]);
                continue;
            }
            rows.push({
                // Schema property names are plain names: the path reads as `pulumi config set --path` takes it.
                path: where.join("."),
                type: typeName(property),
                defaults: Object.fromEntries(RELEASES.map((release) => [release, valueAt(defaults[release], where)])) as Record<
                    Release,
                    unknown
                >,
                releases: RELEASES.filter((release) => valueAt(defaults[release], [where[0]]) !== undefined),
                description: property.description ?? "",
                secret: isSecretSetting(where.map((part) => (part === MAP_ENTRY ? "*" : part))),
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

function defaultCell(row: SettingRow, release: Release): string {
    if (!row.releases.includes(release)) return "(not in " + release + ")";
    const value = row.defaults[release];
    return value === undefined ? "" : `\`${defaultText(value)}\``;
}

/** The Markdown table of every setting, with its default in each release. */
export function settingsReferenceTable(): string {
    const rows = settingRows().map((row) =>
        tableRow([
            `\`${row.path}\``,
            escapeCell(row.secret ? `${row.type}, secret` : row.type),
            ...RELEASES.map((release) => escapeCell(defaultCell(row, release))),
            escapeCell(withoutDefaultSentence(row.description)),
        ]),
    );
    const head = ["Setting", "Type", ...RELEASES.map((release) => `Default in ${release}`), "Description"];
    return [tableRow(head), `|${head.map(() => "---").join("|")}|`, ...rows].join("\n");
}
