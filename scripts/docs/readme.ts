// The generated files and blocks, computed from the code they document.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SECRET_SETTING_PATHS } from "../../components/settings";
import { replaceBlock } from "./markers";
import { migrationTables } from "./migrationTable";
import { objectsTable } from "./objectsTable";
import { regeneratePulumiYaml } from "./pulumiYaml";
import { settingsReferenceTable } from "./settingsReference";

/** Each generated file's expected text, by path relative to the repository. */
export async function generatedFiles(repoDir: string): Promise<Record<string, string>> {
    const read = (path: string) => readFileSync(join(repoDir, path), "utf8");
    const readme = replaceBlock(read("README.md"), "settings-reference", settingsReferenceTable(SECRET_SETTING_PATHS));
    return {
        "README.md": replaceBlock(readme, "objects-table", await objectsTable()),
        "Pulumi.yaml": regeneratePulumiYaml(read("Pulumi.yaml")),
        "CHANGELOG.md": replaceBlock(read("CHANGELOG.md"), "migration-0.2", migrationTables()),
    };
}
