// Pulumi.yaml's `config` block: one declaration per top-level setting, typed and with the release's default, so
// `pulumi config` validates what users set and the defaults are never stated twice.
import { parseDocument } from "yaml";
import { defaultSettings } from "../../components/settings";
import { COMPONENT_TYPE, PACKAGE_SCHEMA } from "../../components/validateArgs";
import { withoutDefaultSentence } from "./settingsReference";

interface ConfigDeclaration {
    type?: string;
    default: unknown;
    description: string;
}

/** The declarations, in the schema's order. */
export function configDeclarations(): Record<string, ConfigDeclaration> {
    const defaults = defaultSettings() as unknown as Record<string, unknown>;
    return Object.fromEntries(
        Object.entries(PACKAGE_SCHEMA.resources[COMPONENT_TYPE].inputProperties).map(([key, property]) => {
            const description = withoutDefaultSentence(property.description ?? "").replace(/`/g, "");
            const enumType = property.$ref ? PACKAGE_SCHEMA.types[property.$ref.replace(/^#\/types\//, "")] : undefined;
            if (enumType?.enum) {
                // An enumeration (`release`) is a plain value of the enumeration's type.
                return [key, { type: enumType.type, default: defaults[key], description }];
            }
            if (property.$ref) {
                // Pulumi project config has no object type: a block is declared by its empty default and set by path.
                return [
                    key,
                    { default: {}, description: `${description} Set its fields with: pulumi config set --path ${key}.<field> <value>` },
                ];
            }
            return [key, { type: property.type === "number" ? "integer" : property.type, default: defaults[key], description }];
        }),
    );
}

/** Pulumi.yaml with its `config` block regenerated, everything else as it is. */
export function regeneratePulumiYaml(text: string): string {
    const document = parseDocument(text);
    document.set("config", document.createNode(configDeclarations()));
    return document.toString({ lineWidth: 0 });
}
