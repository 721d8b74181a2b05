// README.md's generated blocks, computed from the files they document.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { componentArgumentsReference } from "./argsTables";
import { configReferenceTable } from "./configTable";
import { replaceBlock } from "./markers";

/** `readme` with its configuration reference and component arguments regenerated from the repository at `repoDir`. */
export function regenerateReadme(readme: string, repoDir: string): string {
    const pulumiYaml = readFileSync(join(repoDir, "Pulumi.yaml"), "utf8");
    const args = readFileSync(join(repoDir, "components", "args.ts"), "utf8");
    const withConfig = replaceBlock(readme, "config-reference", configReferenceTable(pulumiYaml));
    return replaceBlock(withConfig, "component-arguments", componentArgumentsReference(args));
}
