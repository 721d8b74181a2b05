import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg, totalmem } from "node:os";

/** The machine a figure was taken on, as one line. */
export function describeMachine(): string {
    const model = /^model name\s*:\s*(.*)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? "unknown";
    const memGiB = (totalmem() / 2 ** 30).toFixed(1);
    return `nproc ${availableParallelism()}, ${model}, ${memGiB} GiB RAM, Node ${process.version}, ${describeLoad()}`;
}

/** `uptime`'s load averages (1, 5, 15 min): other work on the same cores skews every figure. */
export function describeLoad(): string {
    try {
        return `uptime: ${execFileSync("uptime", { encoding: "utf8" }).trim()}`;
    } catch {
        return `load average: ${loadavg()
            .map((x) => x.toFixed(2))
            .join(", ")}`;
    }
}
