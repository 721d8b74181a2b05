// Peak memory and CPU time of every process in a command's tree (the Pulumi CLI, its language hosts, the program's
// node, each provider), read from /proc every few milliseconds. The peak is the kernel's own high-water mark
// (VmHWM), so a sample only has to catch a process alive, not at its peak; CPU is utime + stime at the last
// sample. A process that starts and exits between two samples is missed (none of Pulumi's do: they live for the
// whole operation).
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { basename, dirname } from "node:path";

export interface ProcessPeak {
    /**
     * Executable's file name (comm is cut at 15 characters: every provider would be "pulumi-resource"); for node,
     * what it runs (`node run/index.js` is the program, @pulumi/pulumi's cmd/run).
     */
    name: string;
    peakRssMiB: number;
    cpuSeconds: number;
}

export interface TreePeaks {
    processes: ProcessPeak[];
    /** Largest sum of the tree's resident memory seen in one sample. */
    totalRssMiB: number;
    /** The sampler's own cost, in this (the benchmark's) process: samples taken and their summed duration. */
    samples: number;
    samplingMs: number;
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

function readText(path: string): string | undefined {
    try {
        return readFileSync(path, "utf8");
    } catch {
        return undefined; // the process exited between two reads
    }
}

/** Direct children of a process: every thread can fork, so each task's list counts. */
function childrenOf(pid: number): number[] {
    let tasks: string[];
    try {
        tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
        return [];
    }
    return tasks.flatMap((task) => (readText(`/proc/${pid}/task/${task}/children`) ?? "").split(" ").filter(Boolean).map(Number));
}

/**
 * The executable, and for node what it runs: the v3.68 host starts `node -e` (to locate @pulumi/pulumi's cmd/run),
 * `node --version`, and the program as `node <...>/cmd/run/index.js`.
 */
function processName(pid: number): string | undefined {
    try {
        const exe = basename(readlinkSync(`/proc/${pid}/exe`));
        if (exe !== "node") return exe;
        const args = (readText(`/proc/${pid}/cmdline`) ?? "").split("\0").filter(Boolean).slice(1);
        if (args[0] === "-e" || args[0] === "--eval") return "node -e";
        const script = args.find((arg) => !arg.startsWith("-"));
        return script ? `node ${basename(dirname(script))}/${basename(script)}` : `node ${args.join(" ")}`.trim();
    } catch {
        return undefined;
    }
}

export class ProcessTreeSampler {
    private readonly names = new Map<number, string>();
    private readonly peaks = new Map<number, { hwmKiB: number; cpuTicks: number }>();
    private totalKiB = 0;
    private samples = 0;
    private samplingMs = 0;
    private readonly timer: NodeJS.Timeout;

    constructor(
        private readonly root: number,
        everyMs: number,
    ) {
        this.sample();
        this.timer = setInterval(() => this.sample(), everyMs);
    }

    private sample(): void {
        const start = performance.now();
        const pids: number[] = [];
        for (const queue = [this.root]; queue.length > 0;) {
            const pid = queue.shift()!;
            pids.push(pid);
            queue.push(...childrenOf(pid));
        }
        let currentKiB = 0;
        for (const pid of pids) {
            const status = readText(`/proc/${pid}/status`);
            const stat = readText(`/proc/${pid}/stat`);
            if (!status || !stat) continue;
            if (!this.names.has(pid)) {
                const name = processName(pid);
                if (name === undefined) continue;
                this.names.set(pid, name);
            }
            const hwmKiB = Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? 0);
            currentKiB += Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
            // Fields after the parenthesised comm (which may hold spaces): state is field 3, utime 14, stime 15.
            const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
            const cpuTicks = Number(fields[11]) + Number(fields[12]);
            const previous = this.peaks.get(pid);
            this.peaks.set(pid, { hwmKiB: Math.max(hwmKiB, previous?.hwmKiB ?? 0), cpuTicks: Math.max(cpuTicks, previous?.cpuTicks ?? 0) });
        }
        this.totalKiB = Math.max(this.totalKiB, currentKiB);
        this.samples++;
        this.samplingMs += performance.now() - start;
    }

    stop(): TreePeaks {
        clearInterval(this.timer);
        const processes = [...this.peaks].map(([pid, { hwmKiB, cpuTicks }]) => ({
            name: this.names.get(pid) ?? String(pid),
            peakRssMiB: hwmKiB / 1024,
            cpuSeconds: cpuTicks / CLOCK_TICKS,
        }));
        return { processes, totalRssMiB: this.totalKiB / 1024, samples: this.samples, samplingMs: this.samplingMs };
    }
}
