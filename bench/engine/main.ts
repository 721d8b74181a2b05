// `npm run bench:engine [-- --reps N] [-- --growth 1,2,4|none] [-- --write] [-- --keep]`: what users wait for with the real engine, the
// program run by the CLI against a local Kubernetes cluster, side by side with kubectl and Helm doing the same, and
// the engine's own floor. Prints Markdown; `--write` puts it into BENCHMARKS.md. Needs scripts/e2e-toolchain.sh's
// binaries (says which are missing and exits 1). About 12 minutes per repetition on 2 cores, 6 without growth.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { etcdCommand } from "../../tests/e2e/toolchain";
import { describeLoad, describeMachine } from "../machine";
import { BENCH_OUT } from "../paths";
import { writeBenchmarksSection } from "./benchmarksSection";
import {
    floorLifecycle,
    growthLifecycle,
    growthParallelLifecycle,
    helmLifecycle,
    kubectlLifecycle,
    parallelLifecycle,
    pulumiLifecycle,
    skipPreviewLifecycle,
} from "./lifecycles";
import { growthTable, matrixTable, memoryTable, ratioTable, whatIfTable } from "./report";
import { etcdWarning, missingRequirements, TOOLCHAIN_BIN } from "./requirements";
import { runRounds } from "./rounds";
import { Samples } from "./samples";
import { setUp } from "./setup";
import { tracedLifecycles } from "./traced";
import { awaitedWrites, traceTable } from "./traceReport";

/** `--growth`: instance counts of the growth lifecycles, "none" for none (they take half of every round). */
function growthCounts(value: string): number[] {
    if (value === "none") return [];
    const counts = value.split(",").map(Number);
    if (counts.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--growth takes counts such as 1,2,4 or none, got ${value}`);
    return counts;
}
const log = (text: string) => process.stderr.write(`bench:engine: ${text}\n`);

async function main(): Promise<number> {
    const { values } = parseArgs({
        options: {
            reps: { type: "string", default: "3" },
            write: { type: "boolean", default: false },
            keep: { type: "boolean", default: false },
            growth: { type: "string", default: "1,2,4" },
        },
    });
    const growth = growthCounts(values.growth);
    const reps = Number(values.reps);
    if (!Number.isInteger(reps) || reps < 1) throw new Error(`--reps must be a positive integer, got ${values.reps}`);
    const missing = missingRequirements();
    if (missing.length > 0) {
        log(`the toolchain is not built (looked in ${TOOLCHAIN_BIN}); missing:\n  ${missing.join("\n  ")}`);
        return 1;
    }

    const warning = etcdWarning();
    if (warning) log(`WARNING: ${warning}`);
    const started = new Date();
    const machine = describeMachine();
    const etcd = execFileSync(etcdCommand(), ["--version"], { encoding: "utf8" }).split("\n")[0];
    const root = mkdtempSync(join(tmpdir(), "abcdesktop-bench-engine-"));
    log(`working in ${root}; ${machine}`);
    const env = await setUp(root, Math.max(1, ...growth), log);
    const samples = new Samples();
    let traces: string;
    try {
        log("warm-up (file cache, ts-node's first compile), not recorded");
        await env.reset();
        await env.dev.preview();
        await env.floor.preview();
        const lifecycles = [
            pulumiLifecycle(env.dev),
            kubectlLifecycle(env.kubectl, env.stages),
            helmLifecycle(env.helm, env.stages),
            floorLifecycle(env.floor),
            skipPreviewLifecycle(env.dev),
            parallelLifecycle(env.dev),
            ...growth.map((n) => growthLifecycle(env.growth, n)),
            ...(growth.length > 0 ? [growthParallelLifecycle(env.growth, Math.max(...growth))] : []),
        ];
        await runRounds(lifecycles, reps, env.reset, samples, log);
        // Saved before the traced lifecycle, so that the rounds' figures outlive whatever fails after them.
        mkdirSync(join(BENCH_OUT, "engine"), { recursive: true });
        const saved = join(BENCH_OUT, "engine", `${started.toISOString().replace(/[:.]/g, "-")}.json`);
        writeFileSync(saved, JSON.stringify({ started, machine, etcd, reps, samples }, null, 2));
        log(`samples saved to ${saved}`);
        log("one traced lifecycle (--otel-traces), not part of the figures");
        const traceDir = join(root, "traces");
        mkdirSync(traceDir, { recursive: true });
        const summaries = await tracedLifecycles(env.dev, env.floor, traceDir, env.reset);
        traces = [
            "Where the time goes: one more lifecycle of the dev stack and of the floor, every operation traced with `--otel-traces` (not in the figures above: exporting spans costs time). Seconds:",
            "",
            traceTable(summaries),
            "",
            "Kubernetes writes of a second or more (the provider's awaits):",
            "",
            awaitedWrites(summaries),
        ].join("\n");
    } catch (error) {
        log(`failed: ${(error as Error).message}\n${env.cluster.logTails()}`);
        throw error;
    } finally {
        await env.cluster.stop();
        if (!values.keep) rmSync(root, { recursive: true, force: true });
    }

    const minutes = ((Date.now() - started.getTime()) / 60_000).toFixed(0);
    const sampling = Object.values(samples.memory).flat();
    const samplingNote = `${sampling.reduce((n, p) => n + p.samples, 0)} samples of the process tree took ${sampling.reduce((ms, p) => ms + p.samplingMs, 0).toFixed(0)} ms of the benchmark's own process in all`;
    const markdown = [
        `Command: \`npm run bench:engine -- --reps ${reps} --growth ${values.growth}${values.write ? " --write" : ""}\`, started ${started.toISOString()}, ${minutes} min.`,
        "",
        `Machine: ${machine}. etcd: ${etcd}. At the end: ${describeLoad()}.`,
        "",
        ...(warning ? [`**${warning}**`, ""] : []),
        `${reps} rounds; each round runs every lifecycle once, starting one lifecycle later than the previous round. Times are spawn to exit of each command, median [min–max] over the rounds.`,
        "",
        matrixTable(samples),
        "",
        ratioTable(samples),
        ...(samples.notes.length > 0 ? ["", ...samples.notes.map((n) => `- ${n}`)] : []),
        "",
        whatIfTable(samples),
        "",
        `Peak memory during \`pulumi up\` from empty (/proc every 100 ms; ${samplingNote}):`,
        "",
        memoryTable(samples, [
            { id: "up.pulumi", label: "dev stack" },
            { id: "floor.up", label: "floor" },
            ...growth.map((n) => ({ id: `growth${n}.up`, label: `${n} instance(s)` })),
        ]),
        "",
        ...(growth.length > 0 ? [growthTable(samples, growth), ""] : []),
        traces,
    ].join("\n");
    process.stdout.write(`${markdown}\n`);
    if (values.write) log(`written to ${writeBenchmarksSection(markdown)}`);
    return 0;
}

main().then(
    (code) => process.exit(code),
    (error: Error) => {
        log(error.stack ?? String(error));
        process.exit(1);
    },
);
