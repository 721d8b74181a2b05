// Summarizes a V8 .cpuprofile (node --cpu-prof), optionally only the samples inside [fromUs, toUs] (the
// profile's monotonic clock): top self-time functions and self time per origin (ours in components/, the Pulumi
// SDK, protobuf, Node, V8). Also runnable: node cpuprofileTop.js <file> [fromUs toUs].
import { readFileSync } from "node:fs";
import { markdownTable } from "./table";

interface ProfileNode {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
}

interface CpuProfile {
    nodes: ProfileNode[];
    startTime: number;
    samples: number[];
    timeDeltas: number[];
}

export interface Window {
    fromUs: number;
    toUs: number;
}

/** Our program code: components/ but the render harness (evaluateProgram, mocks), which the floor uses too. */
const OURS = "ours: components/";

/** Where a frame's code comes from. */
export function origin(url: string, functionName: string): string {
    if (url === "") return functionName.startsWith("(") ? `V8 ${functionName}` : "V8 builtins/native";
    if (url.startsWith("node:")) return "Node internals";
    if (url.includes("/bench/.out/components/render/")) return "ours: render harness (components/render/)";
    if (url.includes("/bench/.out/components/")) return OURS;
    if (url.includes("/bench/.out/")) return "bench harness + program";
    return /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? "other";
}

function shortUrl(url: string): string {
    return url.replace(/^.*node_modules\//, "").replace(/^.*\/bench\/\.out\//, "");
}

function add(map: Map<string, number>, key: string, us: number): void {
    map.set(key, (map.get(key) ?? 0) + us);
}

/** Self time per function and per origin, in µs, of the samples inside `window` (all when absent). */
export interface ProfileTotals {
    self: Map<string, number>;
    perOrigin: Map<string, number>;
    total: number;
    underOurs: number;
}

export function profileTotals(path: string, window?: Window): ProfileTotals {
    const profile = JSON.parse(readFileSync(path, "utf8")) as CpuProfile;
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    const totals: ProfileTotals = { self: new Map(), perOrigin: new Map(), total: 0, underOurs: 0 };
    let at = profile.startTime;
    profile.samples.forEach((id, i) => {
        at += profile.timeDeltas[i];
        const us = profile.timeDeltas[i + 1] ?? 0;
        if (window && (at < window.fromUs || at > window.toUs)) return;
        const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
        const from = origin(url, functionName);
        add(totals.self, `${functionName || "(anonymous)"} ${shortUrl(url)}:${lineNumber + 1}\t${from}`, us);
        add(totals.perOrigin, from, us);
        totals.total += us;
        for (let frame: number | undefined = id; frame !== undefined; frame = parent.get(frame)) {
            if (origin(byId.get(frame)!.callFrame.url, "") === OURS) {
                totals.underOurs += us;
                break;
            }
        }
    });
    return totals;
}

const ms = (us: number) => (us / 1000).toFixed(1);
const sorted = (map: Map<string, number>) => [...map.entries()].sort((a, b) => b[1] - a[1]);

export function summarizeProfile(path: string, window?: Window, top = 12): string {
    const { self, perOrigin, total, underOurs } = profileTotals(path, window);
    const pct = (us: number) => `${((100 * us) / total).toFixed(1)}%`;
    const functions = sorted(self)
        .slice(0, top)
        .map(([key, us]) => [...key.split("\t"), ms(us), pct(us)]);
    const origins = sorted(perOrigin);
    const rest = origins.slice(8).reduce((sum, [, us]) => sum + us, 0);
    const originRows = origins.slice(0, 8).map(([name, us]) => [name, ms(us), pct(us)]);
    const ourRow = origins.find(([name]) => name === OURS);
    if (ourRow && origins.indexOf(ourRow) >= 8) originRows.push([OURS, ms(ourRow[1]), pct(ourRow[1])]);
    originRows.push([`${Math.max(0, origins.length - 8)} other origins`, ms(rest), pct(rest)]);
    return [
        `${path}${window ? " (evaluate phase only)" : " (whole process)"}: ${ms(total)} ms sampled, ` +
            `${ms(underOurs)} ms (${pct(underOurs)}) with a frame of our program code (components/ but render/) on the stack (inclusive: SDK work it calls counts).`,
        markdownTable(["top self time: function", "origin", "self ms", "share"], functions),
        markdownTable(["origin (self time)", "ms", "share"], originRows),
    ].join("\n\n");
}

/** Self time per origin of two profiles side by side with the difference: the 10 largest differences, then the rest. */
export function compareOrigins(labels: [string, string], a: ProfileTotals, b: ProfileTotals): string {
    const names = [...new Set([...a.perOrigin.keys(), ...b.perOrigin.keys()])];
    const rows = names
        .map((name) => [name, a.perOrigin.get(name) ?? 0, b.perOrigin.get(name) ?? 0] as const)
        .sort((x, y) => Math.abs(y[1] - y[2]) - Math.abs(x[1] - x[2]));
    const rest = rows.slice(10).reduce((sum, [, x, y]) => [sum[0] + x, sum[1] + y], [0, 0]);
    const table = rows.slice(0, 10).map(([name, x, y]) => [name, ms(x), ms(y), ms(x - y)]);
    if (rows.length > 10) table.push([`${rows.length - 10} other origins`, ms(rest[0]), ms(rest[1]), ms(rest[0] - rest[1])]);
    table.push(["total", ms(a.total), ms(b.total), ms(a.total - b.total)]);
    return markdownTable(["origin (self ms)", labels[0], labels[1], "difference"], table);
}

if (require.main === module) {
    const [file, fromUs, toUs] = process.argv.slice(2);
    const window = fromUs && toUs ? { fromUs: Number(fromUs), toUs: Number(toUs) } : undefined;
    process.stdout.write(`${summarizeProfile(file, window)}\n`);
}
