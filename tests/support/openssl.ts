import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Runs the OpenSSL command line with the given files written to a temporary folder; returns stdout. */
export function openssl(args: (dir: string) => string[], files: Record<string, string | Buffer>, input?: Buffer): Buffer {
    const dir = mkdtempSync(join(tmpdir(), "abcdesktop-openssl-"));
    try {
        for (const [name, content] of Object.entries(files)) {
            writeFileSync(join(dir, name), content);
        }
        return execFileSync("openssl", args(dir), { input, stdio: ["pipe", "pipe", "pipe"] });
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}
