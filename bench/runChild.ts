import { spawnSync } from "node:child_process";

/** Figures a child prints as the last line of its stdout (see child/report.ts). */
export type ChildReport = Record<string, number>;

export interface TimedRun {
    /** Spawn to exit, as the parent sees it: Node's start-up, the child's work and its exit. */
    wallMs: number;
    report?: ChildReport;
}

/** Runs a command to completion and times it; throws with its stderr when it fails. */
export function timeCommand(command: string, args: string[], env: Record<string, string> = {}, cwd?: string): TimedRun {
    const start = performance.now();
    const result = spawnSync(command, args, {
        cwd,
        env: { ...process.env, ...env },
        encoding: "utf8",
        maxBuffer: 64 * 2 ** 20,
    });
    const wallMs = performance.now() - start;
    if (result.status !== 0) {
        throw new Error(`${command} ${args.join(" ")} exited ${result.status ?? result.signal}:\n${result.stderr}`);
    }
    const lastLine = result.stdout.trimEnd().split("\n").pop() ?? "";
    const report = lastLine.startsWith("{") ? (JSON.parse(lastLine) as ChildReport) : undefined;
    return { wallMs, report };
}

/** A fresh Node process running a compiled bench child. */
export function runNodeChild(script: string, args: string[], env: Record<string, string> = {}, nodeFlags: string[] = []): TimedRun {
    return timeCommand(process.execPath, [...nodeFlags, script, ...args], env);
}
