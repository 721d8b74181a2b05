/** CPU time this process has used so far (user + system, all threads), in ms: less sensitive than wall time to other load. */
export const cpuMs = (): number => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
};

/**
 * The last line a bench child prints: its phases (ms since Node started, from `performance.now()`), its CPU
 * time, its peak resident memory and what it did, as JSON the parent parses (runChild.ts).
 */
export function printReport(figures: Record<string, number>): void {
    const report = { ...figures, totalMs: performance.now(), cpuMs: cpuMs(), maxRssKb: process.resourceUsage().maxRSS };
    process.stdout.write(`\n${JSON.stringify(report)}\n`);
}
