// Markdown table cells, written the way README.md's hand-made tables were.

/** A cell's text on one line, with the pipes that would end the cell escaped. */
export function escapeCell(text: string): string {
    return text
        .replace(/\s*\n\s*/g, " ")
        .replace(/\|/g, "\\|")
        .trim();
}

/** `| a | b |`; an empty cell is a single space (`| a | | c |`). */
export function tableRow(cells: string[]): string {
    return `|${cells.map((cell) => (cell === "" ? " " : ` ${cell} `)).join("|")}|`;
}
