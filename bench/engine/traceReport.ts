// One traced lifecycle (`--otel-traces`), outside the timed rounds: what each operation's seconds are made of.
import { markdownTable } from "../table";
import { TraceSummary } from "./otelTrace";

const s = (seconds: number | undefined) => (seconds === undefined ? "–" : seconds.toFixed(1));

export function traceTable(traces: Record<string, TraceSummary>): string {
    const rows = Object.entries(traces).map(([operation, t]) => {
        const awaited = t.writes.filter((w) => w.seconds >= 1);
        const longest = t.writes
            .slice(0, 3)
            .map((w) => `${w.resource} ${w.method} ${w.seconds.toFixed(1)}`)
            .join("; ");
        return [
            operation,
            s(t.wallS),
            t.plansS.map(s).join(" + ") || "–",
            t.programRunsS.map(s).join(", ") || "–",
            `${t.pluginStarts.length}: ${s(t.pluginStarts.reduce((sum, p) => sum + p.seconds, 0))}`,
            s(t.firstProviderCallS),
            `${t.writes.length} (${awaited.length} ≥ 1 s)`,
            String(t.maxWritesInFlight),
            longest || "–",
        ];
    });
    return markdownTable(
        [
            "traced operation",
            "wall",
            "plans (preview + update)",
            "program runs",
            "plugin starts: n, s",
            "first Kubernetes call at",
            "Kubernetes writes",
            "most in flight",
            "longest writes, s",
        ],
        rows,
    );
}

/** Every Kubernetes write of at least one second, by operation: the awaits users wait on. */
export function awaitedWrites(traces: Record<string, TraceSummary>): string {
    const rows = Object.entries(traces).flatMap(([operation, t]) =>
        t.writes.filter((w) => w.seconds >= 1).map((w) => [operation, w.resource, w.method, s(w.startS), s(w.seconds)]),
    );
    return rows.length === 0
        ? "No Kubernetes write took a second or more."
        : markdownTable(["operation", "resource", "call", "started at, s", "seconds"], rows);
}
