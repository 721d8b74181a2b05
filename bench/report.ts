import { BenchCase, FLOOR_OBJECTS, INSTANCE_COUNTS } from "./cases";
import { TimedRun } from "./runChild";
import { formatSummary, summarize, Summary } from "./stats";
import { markdownTable } from "./table";

export type Results = Record<string, TimedRun[]>;

/** A figure of every run of a case: `wallMs` (parent-measured) or a field of the child's report. */
const figure = (runs: TimedRun[], name: string): Summary =>
    summarize(runs.map((run) => (name === "wallMs" ? run.wallMs : (run.report?.[name] ?? NaN))));
const loadMs = (runs: TimedRun[]): Summary =>
    summarize(runs.map((run) => (run.report ? run.report.harnessMs + (run.report.importMs ?? 0) : NaN)));

/** Every case: wall and CPU time of the fresh process, its phases and peak RSS, as `median [min–max]`. */
export function measuredTable(cases: BenchCase[], results: Results): string {
    const rows = cases.map(({ id, label }) => {
        const runs = results[id];
        const report = runs[0].report;
        const show = (name: string) => (report?.[name] !== undefined ? formatSummary(figure(runs, name)) : "");
        const load = report?.harnessMs !== undefined ? formatSummary(loadMs(runs)) : show("importMs");
        const rss = report ? formatSummary(summarize(runs.map((run) => run.report!.maxRssKb / 1024))) : "";
        return [
            label,
            formatSummary(figure(runs, "wallMs")),
            show("cpuMs"),
            report?.objects?.toString() ?? "",
            load,
            show("evaluateMs"),
            show("evaluateCpuMs"),
            rss,
        ];
    });
    return markdownTable(
        ["fresh process", "wall ms", "CPU ms", "objects", "load/import ms", "evaluate ms", "evaluate CPU ms", "peak RSS MB"],
        rows,
    );
}

export interface Derived {
    text: string;
    /** Ratio (1)/(2) above 1.5, or an instance costing more than the floor's per-object cost times its objects. */
    needsProfile: boolean;
}

function slope(xs: number[], ys: number[]): number {
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const [mx, my] = [mean(xs), mean(ys)];
    return xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
}

/** Ratios, growth with instances, the per-object budget, RSA and import costs; keygen is ms per 2048-bit key. */
export function derivedFigures(results: Results, keygen: { wall: Summary; cpu: Summary }): Derived {
    const median = (id: string, name: string) => figure(results[id], name).median;
    const ratio = (name: string) => median("devPremade", name) / median("floor", name);
    const minRatio = (name: string) => figure(results.devPremade, name).min / figure(results.floor, name).min;
    const objects = results.instances1[0].report!.objects;
    const perMetric = (name: string) => {
        const one = median("floor", name);
        const marginal = (median("floorMany", name) - one) / (FLOOR_OBJECTS - 1);
        const perInstance = slope(
            INSTANCE_COUNTS,
            INSTANCE_COUNTS.map((n) => median(`instances${n}`, name)),
        );
        return { one, marginal, perInstance };
    };
    const wall = perMetric("evaluateMs");
    const cpu = perMetric("evaluateCpuMs");
    const growth = markdownTable(
        ["instances", "objects", "evaluate ms", "evaluate CPU ms", "CPU ms per instance", "peak RSS MB"],
        INSTANCE_COUNTS.map((n) => {
            const runs = results[`instances${n}`];
            return [
                String(n),
                String(runs[0].report!.objects),
                formatSummary(figure(runs, "evaluateMs")),
                formatSummary(figure(runs, "evaluateCpuMs")),
                (median(`instances${n}`, "evaluateCpuMs") / n).toFixed(0),
                (median(`instances${n}`, "maxRssKb") / 1024).toFixed(0),
            ];
        }),
    );
    const f = (x: number, d = 0) => x.toFixed(d);
    const lines = [
        `Ratio (1)/(2) of medians: wall ${f(ratio("wallMs"), 2)}, CPU ${f(ratio("cpuMs"), 2)} with the premade key; ` +
            `wall ${f(median("devReal", "wallMs") / median("floor", "wallMs"), 2)}, CPU ${f(median("devReal", "cpuMs") / median("floor", "cpuMs"), 2)} with real RSA keys; ` +
            `peak RSS ${f(ratio("maxRssKb"), 2)}. Of minimums (least disturbed by other load): wall ${f(minRatio("wallMs"), 2)}, CPU ${f(minRatio("cpuMs"), 2)} (premade key).`,
        `One more instance (least-squares slope over ${INSTANCE_COUNTS.join(", ")} instances): ${f(wall.perInstance)} ms wall, ` +
            `${f(cpu.perInstance)} ms CPU for ${objects} objects = ${f(cpu.perInstance / objects, 2)} ms CPU/object.`,
        `Floor: its one Namespace's evaluate phase ${f(wall.one, 1)} ms wall / ${f(cpu.one, 1)} ms CPU (with fixed set-up); ` +
            `one more Namespace ${f(wall.marginal, 2)} ms wall / ${f(cpu.marginal, 2)} ms CPU (${FLOOR_OBJECTS} vs 1).`,
        `Budget for one instance (CPU): ${objects} × ${f(cpu.one, 1)} = ${f(objects * cpu.one)} ms (floor's one object), ` +
            `${objects} × ${f(cpu.marginal, 2)} = ${f(objects * cpu.marginal)} ms (floor's marginal object); measured ${f(cpu.perInstance)} ms.`,
        `RSA: one 2048-bit key in-process ${formatSummary(keygen.wall, 1)} ms wall, ${formatSummary(keygen.cpu, 1)} ms CPU; ` +
            `dev real − premade = ${f(median("devReal", "evaluateCpuMs") - median("devPremade", "evaluateCpuMs"))} ms CPU for ${results.devReal[0].report!.rsaKeys} keys.`,
        `Import for a consumer: package ${f(median("importPackage", "importMs"))} ms vs the 4 SDK packages ` +
            `${f(median("importSdk", "importMs"))} ms; CPU ${f(median("importPackage", "cpuMs"))} vs ${f(median("importSdk", "cpuMs"))} ms.`,
    ];
    return {
        text: `${growth}\n\n${lines.map((line) => `- ${line}`).join("\n")}`,
        needsProfile:
            ratio("wallMs") > 1.5 ||
            ratio("cpuMs") > 1.5 ||
            wall.perInstance > objects * wall.marginal ||
            cpu.perInstance > objects * cpu.marginal,
    };
}
