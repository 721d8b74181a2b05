// README's reference sections are generated (npm run docs); this fails when one no longer matches its source.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { componentArgumentsReference } from "../scripts/docs/argsTables";
import { configReferenceTable } from "../scripts/docs/configTable";
import { readBlock } from "../scripts/docs/markers";

const REPO_DIR = join(__dirname, "..");
const read = (path: string) => readFileSync(join(REPO_DIR, path), "utf8");

describe("README reference sections", () => {
    it("the configuration reference is Pulumi.yaml's config (run `npm run docs` after changing it)", () => {
        assert.equal(readBlock(read("README.md"), "config-reference"), configReferenceTable(read("Pulumi.yaml")));
    });

    it("the component arguments are components/args.ts's TSDoc (run `npm run docs` after changing it)", () => {
        assert.equal(readBlock(read("README.md"), "component-arguments"), componentArgumentsReference(read("components/args.ts")));
    });
});

describe("reference generators", () => {
    it("refuse an argument without TSDoc, which the generated SDKs would show undocumented", () => {
        const source = "/** Doc. */\nexport interface AbcdesktopArgs {\n    /** Documented. */\n    a?: string;\n    b?: number;\n}\n";
        assert.throws(() => componentArgumentsReference(source), /AbcdesktopArgs\.b/);
    });

    it("keep a table intact when a description contains a pipe, and show types, defaults and secrets", () => {
        const yaml = [
            "name: p",
            "config:",
            "  a: {type: string, default: '', description: 'x | y'}",
            "  b: {type: array, items: {type: string}, description: list}",
            "  c: {type: string, secret: true, description: token}",
        ].join("\n");
        assert.deepEqual(configReferenceTable(yaml).split("\n").slice(2), [
            '| `a` | string | `""` | x \\| y |',
            "| `b` | array of string | | list |",
            "| `c` | string, secret | | token |",
        ]);
    });
});
