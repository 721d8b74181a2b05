import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readBlock } from "../../scripts/docs/markers";
import { REPO_DIR } from "./cliProject";

/** The command lines of one README block (a fenced shell block between `<!-- name:begin/end -->`), comments dropped. */
export function readmeCommands(block: string): string[] {
    const text = readBlock(readFileSync(join(REPO_DIR, "README.md"), "utf8"), block);
    return text
        .split("\n")
        .filter((line) => !line.startsWith("```"))
        .map((line) => line.replace(/\s+#\s.*$/, "").trim())
        .filter((line) => line !== "" && !line.startsWith("#"));
}

/** A README command as a script runs it: the commands that ask for confirmation get `--yes`. */
export function nonInteractive(command: string): string {
    // Environment assignments may come first (`VAR=value pulumi up`).
    return /^(\w+=\S+ )*pulumi (up|destroy|refresh|stack rm)\b/.test(command) ? `${command} --yes` : command;
}

/** A README block as one non-interactive shell script (for blocks whose lines share variables or functions). */
export function readmeScript(block: string): string {
    return ["set -euo pipefail", ...readmeCommands(block).map(nonInteractive)].join("\n");
}
