// Which od.config override texts pyos can read. CherryPy's reader (reprconf.unrepr) parses a value as a Python
// expression and evaluates it: names resolve to any module or builtin, calls run. An override may only be a literal:
// strings and bytes (adjacent ones joined), numbers (a leading minus allowed), True, False, None, lists, tuples,
// dicts with hashable keys, and `os.environ['NAME']`, which the generated file itself uses for secrets.

/** A value as the reader computes it, tagged where JSON has no such type. */
export type LiteralValue =
    | string
    | boolean
    | null
    | { int: string }
    | { float: number }
    | { complex: [number, number] }
    | { bytes: number[] }
    | { tuple: LiteralValue[] }
    | { dict: [LiteralValue, LiteralValue][] }
    | { environ: string }
    | LiteralValue[];

class LiteralSyntaxError extends Error {}

const MAX_DEPTH = 100;

const DIGITS = "[0-9](?:_?[0-9])*";
const EXPONENT = `[eE][+-]?${DIGITS}`;
const POINT_FLOAT = `(?:${DIGITS})?\\.${DIGITS}|${DIGITS}\\.`;
const FLOAT = `(?:${POINT_FLOAT})(?:${EXPONENT})?|${DIGITS}${EXPONENT}`;
const NUMBER = new RegExp(
    `^(?:(?<imag>(?:${FLOAT}|${DIGITS})[jJ])|(?<float>${FLOAT})|(?<hex>0[xX](?:_?[0-9a-fA-F])+)|(?<oct>0[oO](?:_?[0-7])+)|(?<bin>0[bB](?:_?[01])+)|(?<dec>[1-9](?:_?[0-9])*|0+(?:_?0)*))(?![A-Za-z0-9_])`,
);
const STRING_START = /^([rRuUbB]|[bB][rR]|[rR][bB])?('''|"""|'|")/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * A dict key's identity under Python's equality, so that equal keys make one entry as in a Python dict:
 * True == 1 == 1.0 == (1+0j), False == 0, and strings and bytes never equal each other.
 */
function keyIdentity(value: LiteralValue): string {
    if (value === null) return "None";
    if (typeof value === "boolean") return `n:${value ? 1 : 0}`;
    if (typeof value === "string") return `s:${value}`;
    if (Array.isArray(value)) throw new Error("unhashable key");
    if ("int" in value) return `n:${value.int}`;
    // A literal is never NaN (only a call could make one), so every float equals itself.
    if ("float" in value) return Number.isInteger(value.float) ? `n:${BigInt(value.float)}` : `n:${value.float}`;
    if ("complex" in value) return value.complex[1] === 0 ? keyIdentity({ float: value.complex[0] }) : `c:${value.complex.join(",")}`;
    if ("bytes" in value) return `b:${value.bytes.join(",")}`;
    if ("tuple" in value) return `t:(${value.tuple.map(keyIdentity).join(",")})`;
    if ("environ" in value) return `e:${value.environ}`;
    throw new Error("unhashable key");
}

class Reader {
    private position = 0;

    constructor(
        private readonly text: string,
        private readonly environment: readonly string[],
    ) {}

    read(): LiteralValue {
        const first = this.expression(0);
        if (this.peek() !== ",") {
            this.expectEnd();
            return first;
        }
        // `1, 2` at the top is a tuple, as Python reads `x = 1, 2`.
        const items = [first];
        while (this.take(",")) {
            if (this.atEnd()) break;
            items.push(this.expression(0));
        }
        this.expectEnd();
        return { tuple: items };
    }

    private fail(what: string): never {
        throw new LiteralSyntaxError(`${what} at character ${this.position + 1}`);
    }

    private skipSpace(): void {
        while (this.position < this.text.length && (this.text[this.position] === " " || this.text[this.position] === "\t")) this.position++;
        if (this.text[this.position] === "#") this.position = this.text.length;
    }

    private atEnd(): boolean {
        this.skipSpace();
        return this.position >= this.text.length;
    }

    private expectEnd(): void {
        if (!this.atEnd()) this.fail(`unexpected ${JSON.stringify(this.text.slice(this.position, this.position + 10))}`);
    }

    private peek(): string {
        this.skipSpace();
        return this.text[this.position] ?? "";
    }

    private take(symbol: string): boolean {
        if (this.peek() !== symbol) return false;
        this.position++;
        return true;
    }

    private expect(symbol: string): void {
        if (!this.take(symbol)) this.fail(`${JSON.stringify(symbol)} expected`);
    }

    private expression(depth: number): LiteralValue {
        if (depth > MAX_DEPTH) this.fail("nested too deeply");
        if (this.take("-")) {
            const operand = this.expression(depth + 1);
            return negate(operand) ?? this.fail("a minus sign applies to numbers only");
        }
        const rest = this.text.slice(this.position);
        const char = this.peek();
        if (char === "[") return this.sequence("[", "]", depth);
        if (char === "(") return this.parenthesized(depth);
        if (char === "{") return this.dict(depth);
        if (STRING_START.test(this.text.slice(this.position))) return this.strings();
        const number = NUMBER.exec(this.text.slice(this.position));
        if (number) {
            this.position += number[0].length;
            return numberValue(number.groups ?? {}, number[0]);
        }
        const name = NAME.exec(this.text.slice(this.position));
        if (name) {
            this.position += name[0].length;
            if (name[0] === "True") return true;
            if (name[0] === "False") return false;
            if (name[0] === "None") return null;
            if (name[0] === "os") return this.environ();
            this.fail(`the name ${name[0]} is not a literal (quote text: '${name[0]}')`);
        }
        return this.fail(rest.trim() === "" ? "a value is expected" : `unexpected ${JSON.stringify(char)}`);
    }

    private environ(): LiteralValue {
        this.expect(".");
        const name = NAME.exec(this.text.slice(this.position));
        if (name?.[0] !== "environ") this.fail("only os.environ['NAME'] may be read from os");
        this.position += name[0].length;
        this.expect("[");
        this.skipSpace();
        const key = this.strings();
        if (typeof key !== "string") this.fail("os.environ takes a text key");
        // A variable pyos's container does not have stops pyos at start (KeyError).
        if (!this.environment.includes(key)) {
            this.fail(`os.environ['${key}'] is not set in pyos's container (it has ${this.environment.join(", ") || "none"})`);
        }
        this.expect("]");
        return { environ: key };
    }

    private sequence(open: string, close: string, depth: number): LiteralValue[] {
        this.expect(open);
        const items: LiteralValue[] = [];
        while (!this.take(close)) {
            items.push(this.expression(depth + 1));
            if (!this.take(",")) {
                this.expect(close);
                break;
            }
        }
        return items;
    }

    private parenthesized(depth: number): LiteralValue {
        this.expect("(");
        if (this.take(")")) return { tuple: [] };
        const first = this.expression(depth + 1);
        if (this.take(")")) return first;
        this.expect(",");
        const items = [first];
        while (!this.take(")")) {
            items.push(this.expression(depth + 1));
            if (!this.take(",")) {
                this.expect(")");
                break;
            }
        }
        return { tuple: items };
    }

    private dict(depth: number): LiteralValue {
        this.expect("{");
        // Equal keys make one entry, in the first key's place, with the last value: a Python dict.
        const entries = new Map<string, [LiteralValue, LiteralValue]>();
        while (!this.take("}")) {
            const key = this.expression(depth + 1);
            if (!this.take(":")) this.fail("':' expected: a {...} without keys is a set, which pyos's reader cannot build");
            if (!hashable(key)) this.fail("a dict key must be text, a number, True, False, None or a tuple of those");
            const value = this.expression(depth + 1);
            const identity = keyIdentity(key);
            entries.set(identity, [entries.get(identity)?.[0] ?? key, value]);
            if (!this.take(",")) {
                this.expect("}");
                break;
            }
        }
        return { dict: [...entries.values()] };
    }

    /** One string literal or several adjacent ones, which Python joins; text and bytes cannot be mixed. */
    private strings(): LiteralValue {
        const parts: (string | number[])[] = [];
        for (;;) {
            this.skipSpace();
            const start = STRING_START.exec(this.text.slice(this.position));
            if (!start) break;
            parts.push(this.string(start[1] ?? "", start[2]));
        }
        if (parts.every((p) => typeof p === "string")) return (parts as string[]).join("");
        if (parts.every((p) => typeof p !== "string")) return { bytes: (parts as number[][]).flat() };
        return this.fail("text and bytes literals cannot be joined");
    }

    private string(prefix: string, quote: string): string | number[] {
        this.position += prefix.length + quote.length;
        const raw = /r/i.test(prefix);
        const bytes = /b/i.test(prefix);
        const units: number[] = [];
        let text = "";
        const add = (codePoint: number) => {
            if (bytes) {
                if (codePoint > 0xff) this.fail("a bytes literal holds byte values only");
                units.push(codePoint);
            } else {
                text += String.fromCodePoint(codePoint);
            }
        };
        for (;;) {
            if (this.position >= this.text.length) this.fail("the text literal is not closed");
            if (this.text.startsWith(quote, this.position)) {
                this.position += quote.length;
                return bytes ? units : text;
            }
            const char = this.text.codePointAt(this.position)!;
            if (bytes && char > 0x7f) this.fail("a bytes literal may hold ASCII characters only");
            if (char !== 0x5c) {
                add(char);
                this.position += String.fromCodePoint(char).length;
                continue;
            }
            const next = this.text[this.position + 1];
            if (next === undefined) this.fail("the text literal is not closed");
            if (raw) {
                // In a raw literal the backslash stays, and only keeps the next character from ending the literal.
                add(0x5c);
                add(next.codePointAt(0)!);
                this.position += 2;
                continue;
            }
            this.position += 2;
            const simple: Record<string, number> = { "\\": 0x5c, "'": 0x27, '"': 0x22, a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11 };
            if (next in simple) {
                add(simple[next]);
            } else if (/[0-7]/.test(next)) {
                const digits = /^[0-7]{0,2}/.exec(this.text.slice(this.position))![0];
                this.position += digits.length;
                add(parseInt(next + digits, 8));
            } else if (next === "x" || (!bytes && (next === "u" || next === "U"))) {
                const length = next === "x" ? 2 : next === "u" ? 4 : 8;
                const hex = this.text.slice(this.position, this.position + length);
                if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(hex)) this.fail(`\\${next} needs ${length} hexadecimal digits`);
                const codePoint = parseInt(hex, 16);
                if (codePoint > 0x10ffff) this.fail("the escape is beyond Unicode");
                this.position += length;
                add(codePoint);
            } else if (next === "N" && !bytes) {
                this.fail("named escapes (\\N{...}) are not supported here; write the character or \\u");
            } else {
                // An unknown escape keeps its backslash (Python warns, but reads it).
                add(0x5c);
                add(next.codePointAt(0)!);
                this.position += next.length - 1;
            }
        }
    }
}

function numberValue(groups: Record<string, string | undefined>, text: string): LiteralValue {
    const plain = text.replace(/_/g, "");
    if (groups.imag) return { complex: [0, Number(plain.slice(0, -1))] };
    if (groups.float) return { float: Number(plain) };
    if (groups.hex || groups.oct || groups.bin) return { int: BigInt(plain.toLowerCase()).toString() };
    // Python (3.11 on) refuses decimal literals of more than 4300 digits.
    if (plain.length > 4300) throw new LiteralSyntaxError("a decimal number of more than 4300 digits");
    return { int: BigInt(plain).toString() };
}

function negate(value: LiteralValue): LiteralValue | undefined {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
    if ("int" in value) return { int: (-BigInt(value.int)).toString() };
    if ("float" in value) return { float: -value.float };
    if ("complex" in value) return { complex: [-value.complex[0], -value.complex[1]] };
    return undefined;
}

function hashable(value: LiteralValue): boolean {
    if (Array.isArray(value)) return false;
    if (value !== null && typeof value === "object") {
        if ("dict" in value) return false;
        if ("tuple" in value) return value.tuple.every(hashable);
    }
    return true;
}

/**
 * The value pyos's reader computes from `text`, or why the text is not a literal it can read. `environment`: the
 * variables pyos's container has, the only ones `os.environ['NAME']` may read.
 */
export function readPythonLiteral(text: string, environment: readonly string[] = []): { value: LiteralValue } | { problem: string } {
    if (text.trim() === "") return { problem: "is empty (write None for no value)" };
    if (/[\r\n]/.test(text)) return { problem: "spans lines; an od.config value here is one line" };
    // Python refuses source text with a NUL character anywhere.
    if (text.includes("\0")) return { problem: "holds a NUL character, which Python refuses in source text" };
    try {
        return { value: new Reader(text, environment).read() };
    } catch (error) {
        if (error instanceof LiteralSyntaxError) return { problem: `is not a Python literal pyos can read: ${error.message}` };
        throw error;
    }
}
