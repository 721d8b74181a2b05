/**
 * Optimal string alignment distance (Levenshtein with adjacent transpositions): `nodeport` is one edit from
 * `nodePort` once case is ignored, `imgae` one transposition from `image`.
 */
export function editDistance(a: string, b: string): number {
    const rows = a.length + 1;
    const cols = b.length + 1;
    const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i < rows; i++) {
        for (let j = 1; j < cols; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[a.length][b.length];
}

/**
 * The candidate a mistyped name most likely meant, or undefined when none is close: a case-insensitive match
 * first, then the nearest within a third of the name's length (at least two edits).
 */
export function nearestName(typed: string, candidates: readonly string[]): string | undefined {
    const lower = typed.toLowerCase();
    const sameLetters = candidates.find((candidate) => candidate.toLowerCase() === lower);
    if (sameLetters) return sameLetters;
    const allowed = Math.max(2, Math.floor(typed.length / 3));
    let best: { name: string; distance: number } | undefined;
    for (const candidate of candidates) {
        const distance = editDistance(lower, candidate.toLowerCase());
        if (distance <= allowed && (!best || distance < best.distance)) best = { name: candidate, distance };
    }
    return best?.name;
}
