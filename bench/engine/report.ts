// The figures as Markdown, so that the output pastes into BENCHMARKS.md as it is: every time `median [min–max]` in
// seconds over the rounds, ratios of medians, peak memory per process, growth with instances.
import { summarize } from "../stats";
import { markdownTable } from "../table";
import { MATRIX, MATRIX_COLUMNS, PROCESS_ROLES, RATIOS, WHAT_IFS } from "./cases";
import { Samples } from "./samples";

export function matrixTable(samples: Samples): string {
    return markdownTable(
        ["seconds, median [min–max]", ...MATRIX_COLUMNS],
        MATRIX.map((row) => [row.label, ...row.ids.map((id) => (id ? samples.seconds(id) : "–"))]),
    );
}

export function ratioTable(samples: Samples): string {
    const rows = RATIOS.map((row) => {
        const ratio = samples.ratio(row.numerator, row.denominator);
        const verdict = row.target === undefined || ratio === undefined ? "" : ratio <= row.target ? "met" : "**over**";
        return [row.label, ratio === undefined ? "–" : ratio.toFixed(2), row.target ? `≤ ${row.target}` : "", verdict];
    });
    return markdownTable(["ratio of medians", "value", "target", ""], rows);
}

export function whatIfTable(samples: Samples): string {
    const rows = WHAT_IFS.filter((w) => samples.has(w.id)).map((w) => {
        const ratio = samples.ratio(w.id, w.baseline);
        return [w.label, samples.seconds(w.id), samples.seconds(w.baseline), ratio === undefined ? "–" : ratio.toFixed(2)];
    });
    return markdownTable(["one thing changed", "seconds", "unchanged", "ratio"], rows);
}

/** Median over the repetitions of the largest process of that executable (providers start once per plan). */
function processFigure(samples: Samples, id: string, name: string): string {
    const runs = samples.memory[id] ?? [];
    const largest = runs.map((run) => run.processes.filter((p) => p.name === name).sort((a, b) => b.peakRssMiB - a.peakRssMiB)[0]);
    if (largest.some((p) => p === undefined) || largest.length === 0) return "–";
    const rss = summarize(largest.map((p) => p!.peakRssMiB));
    const cpu = summarize(runs.map((run) => run.processes.filter((p) => p.name === name).reduce((sum, p) => sum + p.cpuSeconds, 0)));
    const count = Math.max(...runs.map((run) => run.processes.filter((p) => p.name === name).length));
    return `${rss.median.toFixed(0)} [${rss.min.toFixed(0)}–${rss.max.toFixed(0)}] MiB, ${cpu.median.toFixed(1)} s CPU${count > 1 ? ` (${count} processes)` : ""}`;
}

export function memoryTable(samples: Samples, ids: { id: string; label: string }[]): string {
    const present = ids.filter(({ id }) => (samples.memory[id]?.length ?? 0) > 0);
    const rows = PROCESS_ROLES.map((role) => [role.label, ...present.map(({ id }) => processFigure(samples, id, role.name))]);
    const total = present.map(({ id }) => {
        const s = summarize(samples.memory[id].map((run) => run.totalRssMiB));
        return `${s.median.toFixed(0)} [${s.min.toFixed(0)}–${s.max.toFixed(0)}] MiB`;
    });
    const others = present.map(({ id }) => {
        const known = new Set(PROCESS_ROLES.map((r) => r.name));
        const names = new Set(samples.memory[id].flatMap((run) => run.processes.map((p) => p.name).filter((n) => !known.has(n))));
        return [...names].join(", ") || "none";
    });
    return markdownTable(
        ["peak RSS (VmHWM), median [min–max]; CPU user+system", ...present.map(({ label }) => label)],
        [...rows, ["whole tree (largest sum of VmRSS in one sample)", ...total], ["other processes in the tree", ...others]],
    );
}

/** Least-squares slope of median seconds over instance counts: what one more instance costs. */
function slope(points: [number, number][]): number {
    const n = points.length;
    const mx = points.reduce((s, [x]) => s + x, 0) / n;
    const my = points.reduce((s, [, y]) => s + y, 0) / n;
    const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
    const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
    return sxx === 0 ? 0 : sxy / sxx;
}

export function growthTable(samples: Samples, counts: number[]): string {
    const present = counts.filter((n) => samples.has(`growth${n}.up`));
    const rows = present.map((n) => [
        String(n),
        samples.seconds(`growth${n}.up`),
        samples.seconds(`growth${n}.preview`),
        samples.seconds(`growth${n}.destroy`),
        processFigure(samples, `growth${n}.up`, "node run/index.js"),
        processFigure(samples, `growth${n}.up`, "pulumi"),
        processFigure(samples, `growth${n}.up`, "pulumi-resource-kubernetes"),
    ]);
    const perInstance = (op: string) =>
        present.length > 1 ? (slope(present.map((n) => [n, samples.summary(`growth${n}.${op}`).median / 1000])) as number).toFixed(1) : "–";
    return [
        markdownTable(
            [
                "instances",
                "up from empty, s",
                "no-op preview, s",
                "destroy, s",
                "the program's `node` during up",
                "`pulumi` during up",
                "kubernetes provider during up",
            ],
            rows,
        ),
        "",
        `One more instance (least-squares slope of the medians): up ${perInstance("up")} s, no-op preview ${perInstance("preview")} s, destroy ${perInstance("destroy")} s.`,
    ].join("\n");
}
