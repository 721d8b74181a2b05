/** A Markdown table, so the printed figures paste into BENCHMARKS.md as they are. */
export function markdownTable(headers: string[], rows: string[][]): string {
    const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
    return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}
