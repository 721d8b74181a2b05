// A fresh process: `node evaluate.js <dev|floor|instances> <real|premade>` evaluates one compiled program for
// the dev stack under the render's mock runtime (evaluateProgram) and prints its figures (report.ts).
// BENCH_COUNT sets how many objects or instances; with `premade`, BENCH_PREMADE_KEY holds the key's JSON.
const bootMs = performance.now();

import { join } from "node:path";
import { BENCH_OUT, REPO_ROOT } from "../paths";
import { usePremadeKey } from "./premadeKey";
import { PROGRAMS } from "./programs";
import { cpuMs, printReport } from "./report";

type EvaluateModule = typeof import("../../components/render/evaluateProgram");
type StackConfigModule = typeof import("../../components/render/stackConfig");
type MocksModule = typeof import("../../components/testing/mocks");

/** The clock of V8's .cpuprofile timestamps (CLOCK_MONOTONIC, µs), so a profile can be cut to the evaluate phase. */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

async function main(): Promise<void> {
    const [programName, keys] = process.argv.slice(2);
    const program = PROGRAMS[programName];
    if (!program || (keys !== "real" && keys !== "premade")) {
        throw new Error("usage: evaluate.js <dev|floor|instances> <real|premade>");
    }
    const render = join(BENCH_OUT, "components", "render");
    const { evaluateProgram } = require(join(render, "evaluateProgram.js")) as EvaluateModule;
    const { loadStackConfig } = require(join(render, "stackConfig.js")) as StackConfigModule;
    if (keys === "premade") {
        const { AbcdesktopMocks, unwrapSecrets } = require(join(BENCH_OUT, "components", "testing", "mocks.js")) as MocksModule;
        usePremadeKey(AbcdesktopMocks, unwrapSecrets, JSON.parse(process.env.BENCH_PREMADE_KEY ?? "{}"));
    }
    const stackConfig = loadStackConfig(REPO_ROOT, "dev", []);
    const harnessMs = performance.now();
    for (const module of program.imports) {
        require(module);
    }
    const loadedMs = performance.now();
    const evaluateStartUs = monotonicUs();
    const cpuBefore = cpuMs();
    const evaluation = await evaluateProgram({ ...stackConfig, program: () => require(program.module) });
    const evaluatedMs = performance.now();
    printReport({
        bootMs,
        harnessMs: harnessMs - bootMs,
        importMs: loadedMs - harnessMs,
        evaluateMs: evaluatedMs - loadedMs,
        evaluateCpuMs: cpuMs() - cpuBefore,
        objects: evaluation.resources.length,
        rsaKeys: evaluation.resources.filter((r) => r.type === "tls:index/privateKey:PrivateKey").length,
        evaluateStartUs,
        evaluateEndUs: monotonicUs(),
    });
}

main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
});
