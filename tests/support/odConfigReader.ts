// od.config read by CherryPy's reprconf, the reader pyos uses (tests/tools/parse_od_config.py).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PYTHON } from "./python";

const TOOL = join(__dirname, "..", "tools", "parse_od_config.py");

export interface ParsedOdConfig {
    sections: Record<string, Record<string, unknown>>;
    globalKeys: string[];
}

/** Runs the reader on `text` with `env` added to the environment (and `pythonArgs` given to Python); the raw result. */
export function runOdConfigReader(
    text: string,
    env: Record<string, string> = {},
    pythonArgs: string[] = [],
): { status: number | null; stdout: string; stderr: string } {
    const dir = mkdtempSync(join(tmpdir(), "odconfig-"));
    try {
        const file = join(dir, "od.config");
        writeFileSync(file, text, "utf8");
        const run = spawnSync(PYTHON, [...pythonArgs, TOOL, file], { encoding: "utf8", env: { ...process.env, ...env } });
        if (run.error) assert.fail(`cannot run ${PYTHON} (${run.error.message}): run scripts/setup.sh`);
        return { status: run.status, stdout: run.stdout, stderr: run.stderr };
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

/** The file as pyos reads it; throws with CherryPy's message when it does not parse. */
export function readOdConfig(text: string, env: Record<string, string> = {}): ParsedOdConfig {
    const run = runOdConfigReader(text, env);
    if (run.status === 3) assert.fail(`CherryPy's config reader is missing for ${PYTHON}: run scripts/setup.sh (${run.stderr.trim()})`);
    if (run.status !== 0) throw new Error(run.stderr.trim());
    return JSON.parse(run.stdout) as ParsedOdConfig;
}
