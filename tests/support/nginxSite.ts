// An nginx site file as nginx reads it inside `http {}`, parsed by crossplane (tests/tools/parse_nginx_site.py), a
// parser with nginx's context and argument checks; it is required: `pip install crossplane` (scripts/setup.sh).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PYTHON } from "./python";
const TOOL = join(__dirname, "..", "tools", "parse_nginx_site.py");

export interface Directive {
    directive: string;
    args: string[];
    block?: Directive[];
}

/** The directives of the site as nginx sees them inside `http {}`. */
export function parse(text: string): Directive[] {
    const dir = mkdtempSync(join(tmpdir(), "nginxsite-"));
    try {
        const file = join(dir, "default");
        writeFileSync(file, text, "utf8");
        const run = spawnSync(PYTHON, [TOOL, file], { encoding: "utf8" });
        if (run.error) {
            assert.fail(`cannot run ${PYTHON} (${run.error.message}): run scripts/setup.sh`);
        }
        if (run.status === 3) {
            assert.fail(`crossplane is missing: \`pip install crossplane\` (${run.stderr.trim()})`);
        }
        if (run.status !== 0) {
            throw new Error(run.stderr.trim());
        }
        return JSON.parse(run.stdout) as Directive[];
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

export function find(directives: readonly Directive[], name: string): Directive[] {
    return directives.filter((d) => d.directive === name);
}

export function serverBlock(text: string): Directive[] {
    const servers = find(parse(text), "server");
    assert.equal(servers.length, 1, "one server block");
    return servers[0]?.block ?? [];
}

/** `set $name value` directives as a map. */
export function variables(server: readonly Directive[]): Record<string, string> {
    return Object.fromEntries(find(server, "set").map((d) => [d.args[0] ?? "", d.args[1] ?? ""]));
}
