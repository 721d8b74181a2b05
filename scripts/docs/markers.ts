// Generated blocks in Markdown, delimited by `<!-- name:begin -->` and `<!-- name:end -->` so the prose around them
// stays hand-written.

function markers(name: string): { begin: string; end: string } {
    return { begin: `<!-- ${name}:begin -->`, end: `<!-- ${name}:end -->` };
}

/** `text` with the block `name` replaced by `content`; fails when the markers are missing or out of order. */
export function replaceBlock(text: string, name: string, content: string): string {
    const { begin, end } = markers(name);
    const start = text.indexOf(begin);
    const stop = text.indexOf(end);
    if (start < 0 || stop < start || text.indexOf(begin, start + 1) >= 0) {
        throw new Error(`expected exactly one ${begin} … ${end} block`);
    }
    return `${text.slice(0, start + begin.length)}\n${content.trimEnd()}\n${text.slice(stop)}`;
}

/** The content of block `name` (without the marker lines). */
export function readBlock(text: string, name: string): string {
    const { begin, end } = markers(name);
    const start = text.indexOf(begin);
    const stop = text.indexOf(end);
    if (start < 0 || stop < start) {
        throw new Error(`no ${begin} … ${end} block`);
    }
    return text.slice(start + begin.length, stop).trim();
}
