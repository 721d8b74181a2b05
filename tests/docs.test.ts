// The generated files (README's settings reference, Pulumi.yaml's config, CHANGELOG's migration tables) match
// the code they come from, and every default the TSDoc states is the default the code applies.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { SECRET_SETTING_PATHS } from "../components/settings";
import { RELEASES } from "../components/shared/settingsModule";
import { generatedFiles } from "../scripts/docs/readme";
import { defaultText, settingRows, settingsReferenceTable } from "../scripts/docs/settingsReference";
import { tableRow } from "../scripts/docs/markdown";

const REPO_DIR = join(__dirname, "..");

describe("generated files", () => {
    let expected: Record<string, string>;
    before(async () => {
        expected = await generatedFiles(REPO_DIR);
    });
    for (const path of ["README.md", "Pulumi.yaml", "CHANGELOG.md"]) {
        it(`${path} is up to date with the code (after a deliberate change: npm run docs)`, () => {
            assert.equal(readFileSync(join(REPO_DIR, path), "utf8"), expected[path]);
        });
    }
});

describe("defaults are stated once", () => {
    it("every `Default \\`x\\`` a setting's documentation states is its default in every release that has one", () => {
        const stated = settingRows().flatMap((row) => {
            const match = /Default `([^`]*)`/.exec(row.description);
            return match
                ? RELEASES.filter((release) => row.defaults[release] !== undefined).map((release) => ({
                      path: row.path,
                      release,
                      stated: match[1],
                      applied: row.defaults[release],
                  }))
                : [];
        });
        assert.ok(stated.length >= 10, `only ${stated.length} settings state their default`);
        const drifted = stated.filter(({ stated: text, applied }) => text !== defaultText(applied));
        assert.deepEqual(drifted, []);
    });

    it("no setting's documentation states a default the component does not apply", () => {
        const unbacked = settingRows().filter(
            (row) => /Default `/.test(row.description) && RELEASES.every((release) => row.defaults[release] === undefined),
        );
        assert.deepEqual(
            unbacked.map((row) => row.path),
            [],
        );
    });

    it("every setting is documented, secrets marked", () => {
        const rows = settingRows();
        assert.deepEqual(
            rows.filter((row) => row.description.trim() === "").map((row) => row.path),
            [],
        );
        assert.deepEqual(
            rows.filter((row) => row.secret).map((row) => row.path.replace(/<name>/g, "*")),
            [...SECRET_SETTING_PATHS],
        );
    });
});

describe("reference tables", () => {
    it("keep a row intact when a cell holds a pipe", () => {
        assert.equal(tableRow(["`a`", "x \\| y"]), "| `a` | x \\| y |");
        const table = settingsReferenceTable().split("\n");
        const pullPolicy = table.find((line) => line.startsWith("| `registry.pullPolicy` |"));
        assert.equal(pullPolicy?.split(/(?<!\\)\|/).length, 7, pullPolicy);
    });
});
