// README's configuration reference, generated from the typed project config in Pulumi.yaml (the same declarations
// `pulumi config` validates against), so the two cannot drift apart.
import { parse } from "yaml";
import { escapeCell, tableRow } from "./markdown";

interface ConfigDeclaration {
    type?: string;
    items?: { type?: string };
    default?: unknown;
    secret?: boolean;
    description?: string;
}

function typeText(declaration: ConfigDeclaration): string {
    // Pulumi project config has no object type; this project leaves only its structured values (set with
    // `pulumi config set --path`) untyped.
    const type =
        declaration.type === undefined
            ? "object"
            : declaration.type === "array"
              ? `array of ${declaration.items?.type ?? "any"}`
              : declaration.type;
    return declaration.secret ? `${type}, secret` : type;
}

function defaultText(value: unknown): string {
    if (value === undefined) return "";
    if (value === "") return '`""`';
    return `\`${typeof value === "string" ? value : JSON.stringify(value)}\``;
}

/** The Markdown table of every key of Pulumi.yaml's `config`, in declaration order. */
export function configReferenceTable(pulumiYaml: string): string {
    const project = parse(pulumiYaml) as { config?: Record<string, ConfigDeclaration> };
    const rows = Object.entries(project.config ?? {}).map(([key, declaration]) => {
        if (!declaration.description) {
            throw new Error(`Pulumi.yaml: config key ${key} has no description`);
        }
        return tableRow([`\`${key}\``, typeText(declaration), defaultText(declaration.default), escapeCell(declaration.description)]);
    });
    return [tableRow(["Key", "Type", "Default", "Description"]), "|---|---|---|---|", ...rows].join("\n");
}
