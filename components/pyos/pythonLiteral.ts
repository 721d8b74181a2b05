// Python literals as pyos's reader (CherryPy's reprconf) evaluates them: od.config values are Python expressions.

/**
 * A value read from pyos's environment when od.config is loaded. CherryPy's reader evaluates names, attributes
 * and subscripts, so `os.environ['NAME']` works; it keeps secrets out of the ConfigMap, and a missing variable
 * stops pyos at start-up instead of letting it bind with no password.
 */
export class PyEnvironmentVariable {
    constructor(public readonly name: string) {}
}

/** A value pyos can read: rendered as the matching Python literal. */
export type PyValue = string | number | boolean | null | PyEnvironmentVariable | readonly PyValue[] | PyDict;
export interface PyDict {
    readonly [key: string]: PyValue;
}

const WIDTH = 100;

function isPyDict(value: PyValue): value is PyDict {
    return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof PyEnvironmentVariable);
}

/** A Python str literal; non-ASCII and control characters are escaped so the file is pure ASCII. */
export function pythonString(text: string): string {
    let out = "'";
    for (const ch of text) {
        const code = ch.codePointAt(0) ?? 0;
        if (ch === "\\") out += "\\\\";
        else if (ch === "'") out += "\\'";
        else if (ch === "\n") out += "\\n";
        else if (ch === "\r") out += "\\r";
        else if (ch === "\t") out += "\\t";
        else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
        else if (code > 0xffff) out += `\\U${code.toString(16).padStart(8, "0")}`;
        else if (code > 0x7e) out += `\\u${code.toString(16).padStart(4, "0")}`;
        else out += ch;
    }
    return out + "'";
}

function pythonNumber(value: number): string {
    if (!Number.isFinite(value)) {
        throw new Error(`od.config values must be finite numbers, got ${value}`);
    }
    return Object.is(value, -0) ? "0" : String(value);
}

/** The value as a one-line Python literal. */
export function pythonLiteral(value: PyValue): string {
    if (value === null) return "None";
    if (typeof value === "boolean") return value ? "True" : "False";
    if (typeof value === "number") return pythonNumber(value);
    if (typeof value === "string") return pythonString(value);
    if (value instanceof PyEnvironmentVariable) return `os.environ[${pythonString(value.name)}]`;
    if (Array.isArray(value)) {
        return `[${value.map((item: PyValue) => pythonLiteral(item)).join(", ")}]`;
    }
    if (isPyDict(value)) {
        return `{${Object.entries(value)
            .map(([key, item]) => `${pythonString(key)}: ${pythonLiteral(item)}`)
            .join(", ")}}`;
    }
    throw new Error("unsupported od.config value");
}

/**
 * The value as a Python literal laid out over lines; every line after the first starts with at least
 * `indent` spaces (>= 1), which configparser needs to read them as continuation lines.
 */
export function pythonLayout(value: PyValue, indent: number, column: number): string {
    const flat = pythonLiteral(value);
    if (column + flat.length <= WIDTH || !(Array.isArray(value) || isPyDict(value))) {
        return flat;
    }
    const inner = " ".repeat(indent + 2);
    const close = " ".repeat(indent);
    if (Array.isArray(value)) {
        const items = value as readonly PyValue[];
        if (items.every((item) => !(Array.isArray(item) || (item !== null && typeof item === "object")))) {
            // Scalars: fill lines up to the width.
            const lines: string[] = [];
            let line = "";
            for (const item of items.map((scalar) => pythonLiteral(scalar) + ",")) {
                if (line !== "" && inner.length + line.length + 1 + item.length > WIDTH) {
                    lines.push(line);
                    line = "";
                }
                line = line === "" ? item : `${line} ${item}`;
            }
            if (line !== "") lines.push(line);
            return `[\n${lines.map((l) => inner + l).join("\n")}\n${close}]`;
        }
        return `[\n${items.map((item) => inner + pythonLayout(item, indent + 2, inner.length) + ",").join("\n")}\n${close}]`;
    }
    const lines = Object.entries(value as PyDict).map(([key, item]) => {
        const head = `${inner}${pythonString(key)}: `;
        return head + pythonLayout(item, indent + 2, head.length) + ",";
    });
    return `{\n${lines.join("\n")}\n${close}}`;
}
