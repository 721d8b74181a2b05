// Runs one measured command: spawn to exit, as a user waits for it. Asynchronous so that a /proc sampler can run
// beside it in this process; output is collected (never inherited) so that a terminal's speed does not count.
import { spawn } from "node:child_process";
import { ProcessTreeSampler, TreePeaks } from "./processTree";

export interface RunOptions {
    cwd?: string;
    env?: NodeJS.ProcessEnv;
    /** Written to the command's stdin. */
    input?: string;
    /** Exit codes that are not failures (kubectl diff answers 1 when it finds a difference). */
    okCodes?: number[];
    /** Sample the command's process tree from /proc every this many ms (peak RSS and CPU per process). */
    sampleEveryMs?: number;
}

export interface RunResult {
    wallMs: number;
    code: number;
    stdout: string;
    stderr: string;
    /** Only with `sampleEveryMs`. */
    peaks?: TreePeaks;
}

/** The last lines of a command's output, for an error message. */
function tail(text: string, lines = 40): string {
    return text.trimEnd().split("\n").slice(-lines).join("\n");
}

export async function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
    const start = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["pipe", "pipe", "pipe"] });
    const sampler = options.sampleEveryMs && child.pid ? new ProcessTreeSampler(child.pid, options.sampleEveryMs) : undefined;
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.stdin.end(options.input ?? "");
    const code = await new Promise<number>((resolve, reject) => {
        child.once("error", reject);
        child.once("close", (status, signal) => resolve(status ?? (signal ? 128 : 1)));
    });
    const wallMs = performance.now() - start;
    const peaks = sampler?.stop();
    const result = { wallMs, code, stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8"), peaks };
    if (code !== 0 && !(options.okCodes ?? []).includes(code)) {
        throw new Error(
            `${command} ${args.join(" ")} exited ${code}\n--- stdout ---\n${tail(result.stdout)}\n--- stderr ---\n${tail(result.stderr)}`,
        );
    }
    return result;
}
