// The multi-language contract: what `pulumi package add <repo>` would infer from the source, compared with the
// committed schema.json, so an accidental change of the component's public arguments or outputs fails here.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { parse } from "yaml";
import { inferSchema, pluginIdentity, REPO_DIR, SCHEMA_PATH } from "../scripts/schema";
import { deployPlatform } from "./support/platform";

interface SchemaProperty {
    description?: string;
}
interface PackageSchema {
    name: string;
    resources: Record<string, { inputProperties: Record<string, SchemaProperty>; properties: Record<string, SchemaProperty> }>;
    types: Record<string, { properties?: Record<string, SchemaProperty>; enum?: { name: string; description?: string }[] }>;
}

const packageJson = JSON.parse(readFileSync(join(REPO_DIR, "package.json"), "utf8")) as Record<string, unknown>;

describe("multi-language package schema", () => {
    let inferred: PackageSchema;
    before(async () => {
        inferred = (await inferSchema()) as unknown as PackageSchema;
    });

    it("matches the committed schema.json (after a deliberate change: npm run schema:update)", () => {
        const committed = JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as unknown;
        assert.deepEqual(inferred, committed, "the component's inferred schema changed; if intended, run `npm run schema:update`");
    });

    it("documents every argument, nested field and output (TSDoc becomes the SDKs' docs)", () => {
        const undocumented: string[] = [];
        const check = (owner: string, properties: Record<string, SchemaProperty>) => {
            for (const [name, property] of Object.entries(properties)) {
                if (!property.description?.trim()) undocumented.push(`${owner}.${name}`);
            }
        };
        for (const [token, resource] of Object.entries(inferred.resources)) {
            check(`${token} input`, resource.inputProperties);
            check(`${token} output`, resource.properties);
        }
        for (const [token, type] of Object.entries(inferred.types)) {
            if (type.properties) check(token, type.properties);
            // The schema keeps no description of an enum type, only of its members.
            for (const member of type.enum ?? []) if (!member.description?.trim()) undocumented.push(`${token}.${member.name}`);
        }
        assert.deepEqual(undocumented, []);
    });

    it("names the plugin after the component's type token, so the generated SDKs construct the real component", async () => {
        // The plugin host takes the plugin name from package.json's name; each component's super() type token
        // must start with it, or the engine's construct call and the component's registration disagree.
        assert.equal(pluginIdentity(String(packageJson.name)).name, inferred.name);
        const { resources } = await deployPlatform({});
        const registeredTypes = new Set(resources.map((resource) => resource.type));
        for (const token of Object.keys(inferred.resources)) {
            assert.ok(registeredTypes.has(token), `no resource registers as ${token}`);
        }
    });

    it("is declared as a source-based plugin the Node.js language host can load", () => {
        const plugin = parse(readFileSync(join(REPO_DIR, "PulumiPlugin.yaml"), "utf8")) as { runtime: unknown };
        assert.equal(plugin.runtime, "nodejs");
        // `pulumi: {resource: true}` would announce a binary provider plugin to download, which does not exist.
        assert.equal((packageJson.pulumi as { resource?: unknown } | undefined)?.resource, undefined);
        // A git checkout has no bin/: npm runs `prepare` when the plugin host installs dependencies.
        assert.match(String((packageJson.scripts as Record<string, string>).prepare), /npm run build/);
    });
});
