// The od.config file format: CherryPy's `reprconf.Config` reads a Python `configparser` file (case-preserving keys,
// strict about duplicate keys, `%` interpolation) whose values are Python literals.
import { pythonLayout, PyValue } from "./pythonLiteral";

/** One `[global]` setting. */
export interface OdConfigEntry {
    key: string;
    /** The generated value. */
    value: PyValue;
    /** Raw Python text from an override; rendered instead of `value` when set. */
    raw?: string;
    /** Why the setting is there (rendered as a comment above it). */
    why: string;
}

// configparser would split a key at ':' or '=', and treat '[', '#', ';' and leading blanks specially.
const KEY = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

function assertKey(key: string): void {
    if (!KEY.test(key)) {
        throw new Error(`od.config key ${JSON.stringify(key)} is not a valid option name`);
    }
}

/** Raw override text as a configparser value: continuation lines indented, nothing else changed. */
function rawValue(text: string): string {
    const lines = text.trim().split(/\r?\n/);
    if (lines.length === 0 || lines[0] === "") {
        throw new Error("od.config overrides must not be empty (use None)");
    }
    return lines.map((line, index) => (index === 0 ? line : `  ${line}`)).join("\n");
}

function renderEntry(entry: OdConfigEntry): string {
    assertKey(entry.key);
    const head = `${entry.key}: `;
    const text = entry.raw !== undefined ? rawValue(entry.raw) : pythonLayout(entry.value, 2, head.length);
    // configparser interpolates '%': a literal percent sign is written '%%'.
    return `# ${entry.why}\n${head}${text.replace(/%/g, "%%")}\n`;
}

/** Applies overrides: replace the entry with the same key in place, else append; never duplicates a key. */
export function applyOverrides(entries: readonly OdConfigEntry[], overrides: Record<string, string> | undefined): OdConfigEntry[] {
    const result = [...entries];
    for (const [key, raw] of Object.entries(overrides ?? {})) {
        assertKey(key);
        const index = result.findIndex((entry) => entry.key === key);
        const generated = result[index];
        if (generated) {
            result[index] = { ...generated, raw, why: `overridden by the deployment; generated: ${generated.why}` };
        } else {
            result.push({ key, value: null, raw, why: "set by the deployment" });
        }
    }
    return result;
}

/** The file: a header comment, the `[global]` settings with overrides applied, and the sections pyos mounts. */
export function renderOdConfigFile(
    title: string,
    entries: readonly OdConfigEntry[],
    overrides: Record<string, string> | undefined,
): string {
    return [
        `# ${title}\n`,
        "# CherryPy config file: values are Python literals, '%%' is a literal percent sign.\n",
        "\n[global]\n\n",
        applyOverrides(entries, overrides).map(renderEntry).join("\n"),
        "\n# CherryPy application sections pyos mounts: they must exist, even empty.\n",
        "[/]\n\n[/img]\n",
    ].join("");
}
