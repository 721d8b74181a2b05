// `npm run bench [-- --reps N] [-- --profile]`: cold evaluation, floor, growth, import and render times, each a
// fresh process, repeated round-robin; prints Markdown for BENCHMARKS.md. Run after `npm run build` and
// `tsc -p bench/tsconfig.json` (the npm script does both).
import { parseArgs } from "node:util";
import { benchCases } from "./cases";
import { compareOrigins, profileTotals, summarizeProfile } from "./cpuprofileTop";
import { describeLoad, describeMachine } from "./machine";
import { clearProfiles, profileEvaluation } from "./profileRun";
import { derivedFigures, measuredTable, Results } from "./report";
import { snapshotBuiltPackage } from "./packageSnapshot";
import { makeRsaKeyState } from "./rsaKey";
import { summarize } from "./stats";

const { values } = parseArgs({
    options: { reps: { type: "string", default: "7" }, profile: { type: "boolean", default: false } },
});
const reps = Number(values.reps);
if (!Number.isInteger(reps) || reps < 1) {
    throw new Error(`--reps must be a positive integer, got ${values.reps}`);
}
const log = (text: string) => process.stderr.write(`${text}\n`);

snapshotBuiltPackage();
const machine = describeMachine();
const keygen = { wall: [] as number[], cpu: [] as number[] };
for (let i = 0; i < 3 * reps; i++) {
    const [start, cpuStart] = [performance.now(), process.cpuUsage()];
    makeRsaKeyState(2048);
    const cpu = process.cpuUsage(cpuStart);
    keygen.wall.push(performance.now() - start);
    keygen.cpu.push((cpu.user + cpu.system) / 1000);
}
const premadeKey = JSON.stringify(makeRsaKeyState(2048));
const cases = benchCases(premadeKey);
const results: Results = Object.fromEntries(cases.map((c) => [c.id, []]));
log("warm-up (file cache), not recorded");
for (const c of cases.filter((c) => c.id !== "render")) c.run();
for (let rep = 1; rep <= reps; rep++) {
    for (const c of cases) {
        results[c.id].push(c.run());
    }
    log(`repetition ${rep}/${reps} done; ${describeLoad()}`);
}

const derived = derivedFigures(results, { wall: summarize(keygen.wall), cpu: summarize(keygen.cpu) });
const out = [
    `Machine: ${machine}`,
    `After: ${describeLoad()}`,
    `${reps} repetitions, figures as median [min–max]; fresh Node process per run; compiled JS (tsc), no tsx except in npm run render.`,
    measuredTable(cases, results),
    derived.text,
];
if (derived.needsProfile || values.profile) {
    out.push("Profiling (ratio > 1.5 or an instance above the floor's per-object budget, or --profile):");
    clearProfiles();
    const dev = profileEvaluation("dev", 1, premadeKey);
    out.push(summarizeProfile(dev.path), summarizeProfile(dev.path, dev.evaluate));
    const eight = profileEvaluation("instances", 8, premadeKey);
    const objects = results.instances8[0].report!.objects;
    const floor = profileEvaluation("floor", objects, premadeKey);
    out.push(summarizeProfile(eight.path, eight.evaluate));
    out.push(
        `Same number of objects (${objects}), evaluate phase: 8 instances vs the floor's Namespaces.`,
        compareOrigins(
            ["8 instances", `${objects} Namespaces`],
            profileTotals(eight.path, eight.evaluate),
            profileTotals(floor.path, floor.evaluate),
        ),
    );
}
process.stdout.write(`${out.join("\n\n")}\n`);
