// What the rounds measured: wall times and process-tree peaks by case id, every repetition kept, so that the report
// (and a later look at the saved JSON) can show medians and spread.
import { formatSummary, summarize, Summary } from "../stats";
import { TreePeaks } from "./processTree";

export class Samples {
    readonly times: Record<string, number[]> = {};
    readonly memory: Record<string, TreePeaks[]> = {};
    /** Things a reader of the figures should know (kubectl diff found a difference on a no-op, say). */
    readonly notes: string[] = [];

    time(id: string, ms: number): void {
        (this.times[id] ??= []).push(ms);
    }

    peaks(id: string, peaks: TreePeaks): void {
        (this.memory[id] ??= []).push(peaks);
    }

    note(text: string): void {
        if (!this.notes.includes(text)) this.notes.push(text);
    }

    has(id: string): boolean {
        return (this.times[id]?.length ?? 0) > 0;
    }

    summary(id: string): Summary {
        const values = this.times[id];
        if (!values?.length) throw new Error(`no samples for ${id}`);
        return summarize(values);
    }

    /** `median [min–max]` in seconds, or "–" when the case was not run. */
    seconds(id: string, digits = 1): string {
        if (!this.has(id)) return "–";
        const s = this.summary(id);
        return formatSummary({ ...s, median: s.median / 1000, min: s.min / 1000, max: s.max / 1000 }, digits);
    }

    /** Ratio of the medians of two cases, or undefined when one is missing. */
    ratio(numerator: string, denominator: string): number | undefined {
        if (!this.has(numerator) || !this.has(denominator)) return undefined;
        return this.summary(numerator).median / this.summary(denominator).median;
    }
}
