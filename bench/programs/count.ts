/** How many objects or component instances a bench program registers: BENCH_COUNT, default 1. */
export function benchCount(): number {
    const count = Number(process.env.BENCH_COUNT ?? "1");
    if (!Number.isInteger(count) || count < 1) {
        throw new Error(`BENCH_COUNT must be a positive integer, got ${process.env.BENCH_COUNT}`);
    }
    return count;
}
