// examples/ are documentation, so they must at least parse, compile and use the component's real contract.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { promisify } from "node:util";
import { parse } from "yaml";
import { REPO_DIR, SCHEMA_PATH } from "../scripts/schema";
import { PYTHON } from "./support/python";

const run = promisify(execFile);
const EXAMPLES = join(REPO_DIR, "examples");
const COMPONENT = "abcdesktop:index:Abcdesktop";

interface SchemaProperty {
    $ref?: string;
}
interface PackageSchema {
    resources: Record<string, { inputProperties: Record<string, SchemaProperty>; properties: Record<string, unknown> }>;
    types: Record<string, { properties: Record<string, SchemaProperty> }>;
}
const schema = JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as PackageSchema;

/** Paths (`a.b`) of keys in `value` the schema does not declare, following object types through `$ref`. */
function unknownKeys(value: Record<string, unknown>, properties: Record<string, SchemaProperty>, prefix = ""): string[] {
    return Object.entries(value).flatMap(([key, child]) => {
        const property = properties[key];
        if (!property) return [`${prefix}${key}`];
        const type = property.$ref ? schema.types[property.$ref.replace("#/types/", "")] : undefined;
        return type && typeof child === "object" && child !== null
            ? unknownKeys(child as Record<string, unknown>, type.properties, `${prefix}${key}.`)
            : [];
    });
}

const readYaml = (path: string) => parse(readFileSync(path, "utf8")) as Record<string, unknown>;
const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

describe("examples", () => {
    const scratch = mkdtempSync(join(tmpdir(), "abcdesktop-examples-"));
    after(() => rmSync(scratch, { recursive: true, force: true }));

    it("each has a Pulumi project, stack config for its project and a README of three lines at most", () => {
        for (const example of readdirSync(EXAMPLES)) {
            const dir = join(EXAMPLES, example);
            const project = readYaml(join(dir, "Pulumi.yaml"));
            assert.equal(typeof project.name, "string", `${example}: project name`);
            for (const stackFile of readdirSync(dir).filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f))) {
                const keys = Object.keys((readYaml(join(dir, stackFile)).config ?? {}) as object);
                assert.ok(keys.length > 0, `${example}/${stackFile}: no config`);
                for (const key of keys) assert.ok(key.startsWith(`${project.name}:`), `${example}/${stackFile}: ${key}`);
            }
            const readme = readFileSync(join(dir, "README.md"), "utf8").trimEnd().split("\n");
            assert.ok(readme.length <= 3, `${example}/README.md has ${readme.length} lines`);
        }
    });

    it("the YAML program loads the package from the repository and uses only the component's inputs and outputs", () => {
        const project = readYaml(join(EXAMPLES, "yaml", "Pulumi.yaml")) as {
            packages: Record<string, string>;
            resources: Record<string, { type: string; properties?: Record<string, unknown> }>;
            outputs: Record<string, string>;
        };
        assert.equal(join(EXAMPLES, "yaml", project.packages.abcdesktop), REPO_DIR);
        const components = Object.entries(project.resources).filter(([, r]) => r.type === COMPONENT);
        assert.ok(components.length > 0);
        for (const [, resource] of components) {
            assert.deepEqual(unknownKeys(resource.properties ?? {}, schema.resources[COMPONENT].inputProperties), []);
        }
        for (const reference of Object.values(project.outputs)) {
            const [, resourceName, output] = /^\$\{(\w+)\.(\w+)\}$/.exec(reference) ?? [];
            if (project.resources[resourceName]?.type === COMPONENT) assert.ok(output in schema.resources[COMPONENT].properties, output);
        }
    });

    it("the Python program compiles and passes the component only arguments its generated SDK has", async () => {
        const project = readYaml(join(EXAMPLES, "python", "Pulumi.yaml")) as { packages: Record<string, string> };
        assert.equal(join(EXAMPLES, "python", project.packages.abcdesktop), REPO_DIR);
        const { stdout } = await run(PYTHON, [
            join(REPO_DIR, "tests", "tools", "python_component_calls.py"),
            join(EXAMPLES, "python", "__main__.py"),
            "Abcdesktop",
            join(scratch, "main.pyc"),
        ]);
        const { calls } = JSON.parse(stdout) as { calls: string[][] };
        const allowed = new Set([...Object.keys(schema.resources[COMPONENT].inputProperties).map(snakeCase), "opts"]);
        assert.ok(calls.length > 0);
        for (const keywords of calls)
            assert.deepEqual(
                keywords.filter((k) => !allowed.has(k)),
                [],
            );
    });

    it("the TypeScript program type-checks against the repository's component sources", async () => {
        const example = join(EXAMPLES, "typescript");
        const manifest = JSON.parse(readFileSync(join(example, "package.json"), "utf8")) as { dependencies: Record<string, string> };
        assert.equal(manifest.dependencies["@abcdesktop/abcdesktop"], "file:../..");
        // The example's own tsconfig, with the package resolved to the sources instead of an installed copy.
        const tsconfig = join(scratch, "tsconfig.json");
        writeFileSync(
            tsconfig,
            JSON.stringify({
                extends: join(example, "tsconfig.json"),
                compilerOptions: {
                    noEmit: true,
                    rootDir: REPO_DIR,
                    typeRoots: [join(REPO_DIR, "node_modules", "@types")],
                    paths: { "@abcdesktop/abcdesktop": [join(REPO_DIR, "components", "index.ts")] },
                },
                files: [join(example, "index.ts")],
            }),
        );
        await run(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", tsconfig]).catch((error: { stdout: string }) => {
            assert.fail(`tsc failed:\n${error.stdout}`);
        });
    });
});
