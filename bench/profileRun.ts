import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Window } from "./cpuprofileTop";
import { BENCH_OUT, COMPILED_BENCH } from "./paths";
import { runNodeChild } from "./runChild";

export interface ProfiledRun {
    path: string;
    /** The evaluate phase (registration and resolution), on the profile's clock. */
    evaluate: Window;
}

/** Evaluates one program (premade key) under `node --cpu-prof` (250 µs sampling); returns the .cpuprofile. */
export function profileEvaluation(program: string, count: number, premadeKey: string): ProfiledRun {
    const dir = mkdtempSync(join(BENCH_OUT, `profile-${program}-${count}-`));
    const { report } = runNodeChild(
        join(COMPILED_BENCH, "child", "evaluate.js"),
        [program, "premade"],
        { BENCH_COUNT: String(count), BENCH_PREMADE_KEY: premadeKey },
        ["--cpu-prof", "--cpu-prof-interval=250", `--cpu-prof-dir=${dir}`],
    );
    const file = readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
    if (!file || !report) {
        throw new Error(`no .cpuprofile or report from the profiled run in ${dir}`);
    }
    return { path: join(dir, file), evaluate: { fromUs: report.evaluateStartUs, toUs: report.evaluateEndUs } };
}

/** Removes the profiles of earlier runs. */
export function clearProfiles(): void {
    for (const name of readdirSync(BENCH_OUT).filter((entry) => entry.startsWith("profile-"))) {
        rmSync(join(BENCH_OUT, name), { recursive: true, force: true });
    }
}
