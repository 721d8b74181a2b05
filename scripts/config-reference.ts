// `npm run docs`: rewrites README.md's generated blocks (configuration reference from Pulumi.yaml, component
// arguments from components/args.ts). `--check` only reports whether README.md is up to date (exit 1 if not).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { regenerateReadme } from "./docs/readme";

const repoDir = join(__dirname, "..");
const readmePath = join(repoDir, "README.md");
const current = readFileSync(readmePath, "utf8");
const generated = regenerateReadme(current, repoDir);

if (process.argv.includes("--check")) {
    if (generated !== current) {
        console.error("README.md is out of date: run `npm run docs`");
        process.exitCode = 1;
    }
} else if (generated !== current) {
    writeFileSync(readmePath, generated);
    console.log("README.md updated");
} else {
    console.log("README.md already up to date");
}
