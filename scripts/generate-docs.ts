// `npm run docs`: rewrites what is generated from the code (README's settings reference, Pulumi.yaml's config,
// CHANGELOG's migration tables). `--check` only reports what is out of date (exit 1 if anything is).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generatedFiles } from "./docs/readme";

async function main(): Promise<void> {
    const repoDir = join(__dirname, "..");
    const stale: string[] = [];
    for (const [path, text] of Object.entries(await generatedFiles(repoDir))) {
        if (readFileSync(join(repoDir, path), "utf8") === text) continue;
        stale.push(path);
        if (!process.argv.includes("--check")) writeFileSync(join(repoDir, path), text);
    }
    if (process.argv.includes("--check") && stale.length > 0) {
        console.error(`out of date: ${stale.join(", ")}: run \`npm run docs\``);
        process.exitCode = 1;
    } else {
        console.log(stale.length > 0 ? `updated ${stale.join(", ")}` : "generated files already up to date");
    }
}

main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
});
