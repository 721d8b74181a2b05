import { execFile } from "node:child_process";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import type { KubernetesManifest } from "../../components/render/manifests";

export const PROJECT_DIR = join(__dirname, "..", "..");

export interface RenderResult {
    code: number;
    stdout: string;
    stderr: string;
}

/** Runs `npm run render -- <args>` as a user would, in its own process (the engine state is per process). */
export function render(args: string[]): Promise<RenderResult> {
    return new Promise((resolve) => {
        execFile(
            process.execPath,
            ["--import", "tsx", join(PROJECT_DIR, "render.ts"), ...args],
            { cwd: PROJECT_DIR, maxBuffer: 64 * 1024 * 1024 },
            (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
    });
}

/** The objects of a rendered YAML stream, parsed by a real YAML parser. */
export function parseStream(stream: string): KubernetesManifest[] {
    return parseAllDocuments(stream).map((document) => {
        if (document.errors.length > 0) {
            throw new Error(document.errors.map((e) => e.message).join("\n"));
        }
        return document.toJS() as KubernetesManifest;
    });
}
