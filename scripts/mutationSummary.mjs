// The score of every area's last mutation run (reports/mutation/<area>.json, written by Stryker's json reporter),
// file by file, and the mutants that were not detected, as Markdown: printed, and written to <dir>/summary.md.
// Score as Stryker counts it: (killed + timed out) / (killed + timed out + survived + no coverage); mutants that
// did not compile or run ("errors") are left out of it.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";

const dir = process.argv[2] ?? "reports/mutation";
const reports = readdirSync(dir)
    .filter((name) => name.endsWith(".json") && !name.endsWith(".incremental.json"))
    .sort();

const undetected = new Set(["Survived", "NoCoverage"]);
const rows = [];
const undetectedMutants = [];
const total = { detected: 0, undetected: 0, errors: 0 };
for (const name of reports) {
    const report = JSON.parse(readFileSync(join(dir, name), "utf8"));
    const area = name.replace(/\.json$/, "");
    for (const [file, { source, mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
        const lines = source.split("\n");
        const count = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, errors: 0 };
        for (const mutant of mutants) {
            if (mutant.status in count) count[mutant.status] += 1;
            else count.errors += 1;
            if (undetected.has(mutant.status)) {
                const { line, column } = mutant.location.start;
                undetectedMutants.push(
                    `- ${file}:${line}:${column} ${mutant.status} ${mutant.mutatorName}: \`${lines[line - 1].trim().slice(0, 100)}\` → \`${mutant.replacement.replace(/\s+/g, " ").slice(0, 80)}\``,
                );
            }
        }
        const found = count.Killed + count.Timeout;
        const missed = count.Survived + count.NoCoverage;
        total.detected += found;
        total.undetected += missed;
        total.errors += count.errors;
        const score = found + missed === 0 ? "n/a" : `${((100 * found) / (found + missed)).toFixed(1)}%`;
        rows.push(
            `| ${area} | ${file} | ${score} | ${count.Killed} | ${count.Timeout} | ${count.Survived} | ${count.NoCoverage} | ${count.errors} |`,
        );
    }
}
const overall =
    total.detected + total.undetected === 0 ? "n/a" : `${((100 * total.detected) / (total.detected + total.undetected)).toFixed(1)}%`;
const summary = [
    `# Mutation score: ${overall} (${total.detected} of ${total.detected + total.undetected} mutants detected)`,
    "",
    "| area | file | score | killed | timed out | survived | no coverage | errors |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
    "",
    `## Not detected (${undetectedMutants.length})`,
    "",
    ...undetectedMutants,
    "",
].join("\n");
writeFileSync(join(dir, "summary.md"), summary);
process.stdout.write(summary);
