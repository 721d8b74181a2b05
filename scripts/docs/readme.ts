// The generated files and blocks, computed from the code they document.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { replaceBlock } from "./markers";
import { migrationTables } from "./migrationTable";
import { objectsTable } from "./objectsTable";
import { regeneratePulumiYaml } from "./pulumiYaml";
import { settingsReferenceTable } from "./settingsReference";

/** Each generated file's expected text, by path relative to the repository. */
export async function generatedFiles(repoDir: string): Promise<Record<string, string>> {
    const read = (path: string) => readFileSync(join(repoDir, path), "utf8");
    const readme = replaceBlock(read("README.md"), "settings-reference", settingsReferenceTable());
    return {
        "README.md": replaceBlock(
            replaceBlock(readme, "objects-table", await objectsTable("1.0")),
            "objects-table-4.4",
            await objectsTable("4.4"),
        ),
        "Pulumi.yaml": regeneratePulumiYaml(read("Pulumi.yaml")),
        "CHANGELOG.md": replaceBlock(read("CHANGELOG.md"), "migration-0.2", migrationTables()),
    };
}
