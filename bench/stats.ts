/** Median and spread of repeated measurements. */
export interface Summary {
    n: number;
    median: number;
    min: number;
    max: number;
    q1: number;
    q3: number;
}

function quantile(sorted: number[], q: number): number {
    const position = (sorted.length - 1) * q;
    const low = Math.floor(position);
    const high = Math.ceil(position);
    return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

export function summarize(values: number[]): Summary {
    if (values.length === 0) {
        throw new Error("summarize: no values");
    }
    const sorted = [...values].sort((a, b) => a - b);
    return {
        n: sorted.length,
        median: quantile(sorted, 0.5),
        min: sorted[0],
        max: sorted[sorted.length - 1],
        q1: quantile(sorted, 0.25),
        q3: quantile(sorted, 0.75),
    };
}

/** `median [min–max]`, rounded to `digits`. */
export function formatSummary(summary: Summary, digits = 0): string {
    const f = (x: number) => x.toFixed(digits);
    return `${f(summary.median)} [${f(summary.min)}–${f(summary.max)}]`;
}
