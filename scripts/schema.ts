// The component's multi-language contract: the Pulumi package schema that `pulumi package add` infers from the
// TypeScript source. Computed here exactly as @pulumi/pulumi's Node.js plugin host does, offline.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental";

export const REPO_DIR = join(__dirname, "..");
export const SCHEMA_PATH = join(REPO_DIR, "components", "schema.json");

/** Plugin name and namespace as @pulumi/pulumi's cmd/run-plugin derives them from package.json's `name`. */
export function pluginIdentity(npmName: string): { name: string; namespace?: string } {
    const matches = /^(@.*?\/)?(.+)$/.exec(npmName);
    if (!matches) {
        throw new Error(`package.json name '${npmName}' cannot name a Pulumi plugin`);
    }
    const name = matches[2].replace(/[^-a-zA-Z0-9_]/g, "-");
    return matches[1] ? { name, namespace: matches[1].slice(1, -1) } : { name };
}

/** The analyzer's error, with the usual cause when it is about one of the component class's properties. */
function explainInferenceError(error: Error): never {
    if (/ output '/.test(error.message)) {
        throw new Error(
            `${error.message}\nEvery property of an exported component class becomes an output of the generated SDKs: ` +
                "use Output<T> of plain data, and expose TypeScript-only handles through a method or getter instead.",
        );
    }
    throw error;
}

/** The schema inferred from the components package.json's entry exports; `version` is left out so releases do not churn it. */
export async function inferSchema(): Promise<Record<string, unknown>> {
    const packageJson = JSON.parse(readFileSync(join(REPO_DIR, "package.json"), "utf8")) as { name: string };
    // The plugin host loads package.json's main (the compiled components/index) and serves every component it exports.
    const components = getPulumiComponents(require("../components"));
    const provider = new ComponentProvider({ components, dirname: REPO_DIR, ...pluginIdentity(packageJson.name) });
    const schema = JSON.parse(await provider.getSchema().catch(explainInferenceError)) as Record<string, unknown>;
    delete schema.version;
    return schema;
}

/** schema.json's text: key order as inferred, 2-space indent like the repository's other JSON files. */
export function formatSchema(schema: Record<string, unknown>): string {
    return `${JSON.stringify(schema, null, 2)}\n`;
}
