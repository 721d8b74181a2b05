// od.config overrides are refused unless pyos's reader (CherryPy's reprconf) reads them: our reader of Python
// literals is held against CherryPy itself on thousands of texts, generated and mutated.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, it } from "node:test";
import fc from "fast-check";
import { pyosEnvironmentNames } from "../components/pyos/environment";
import { LiteralValue, readPythonLiteral } from "../components/pyos/pythonLiteralSyntax";
import { validateArgs } from "../components/validateArgs";
import { PYTHON } from "./support/python";

const TOOL = join(__dirname, "tools", "unrepr_values.py");
const ENV_NAME = "ABCDESKTOP_OVERRIDE_TEST";
const ENV_VALUE = "value-from-the-environment";

type Result = { value: unknown } | { error: string };

/** Every text as CherryPy reads it, in one Python process. */
function cherrypy(texts: string[]): Result[] {
    const run = spawnSync(PYTHON, [TOOL], {
        input: JSON.stringify(texts),
        encoding: "utf8",
        env: { ...process.env, [ENV_NAME]: ENV_VALUE },
        maxBuffer: 256 * 1024 * 1024,
    });
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout) as Result[];
}

/** Our value in the tool's tagging: the environment read, infinities named as Python's repr. */
function asCherrypyTags(value: LiteralValue): unknown {
    if (Array.isArray(value)) return value.map(asCherrypyTags);
    if (value === null || typeof value !== "object") return value;
    if ("environ" in value) return value.environ === ENV_NAME ? ENV_VALUE : `<unset ${value.environ}>`;
    const number = (n: number) => (Number.isFinite(n) ? n : n > 0 ? "inf" : "-inf");
    if ("float" in value) return { float: number(value.float) };
    if ("complex" in value) return { complex: value.complex.map(number) };
    if ("tuple" in value) return { tuple: value.tuple.map(asCherrypyTags) };
    if ("dict" in value) return { dict: value.dict.map(([k, v]) => [asCherrypyTags(k), asCherrypyTags(v)]) };
    return value;
}

const space = fc.constantFrom("", " ", "  ", "\t");
const digits = fc.stringMatching(/^[0-9]{1,6}$/);
const number = fc.oneof(
    digits.map((d) => d.replace(/^0+(?=[0-9])/, "")),
    fc.tuple(digits, digits).map(([a, b]) => `${a}.${b}`),
    fc.tuple(digits, fc.constantFrom("e", "E", "e-", "e+"), fc.stringMatching(/^[0-9]{1,3}$/)).map(([a, e, b]) => `${a}${e}${b}`),
    digits.map((d) => `0x${Number(d).toString(16)}`),
    digits.map((d) => `0o${Number(d).toString(8)}`),
    digits.map((d) => `0b${Number(d).toString(2)}`),
    fc.tuple(fc.stringMatching(/^[1-9]$/), fc.stringMatching(/^[0-9]{3}$/)).map(([a, b]) => `${a}_${b}`),
    digits.map((d) => `.${d}`),
    digits.map((d) => `${d}j`),
);
const stringBody = fc
    .array(
        fc.oneof(
            fc.constantFrom("a", "Z", " ", "%", "#", ":", "=", "[", "{", "é", "€", "😀", "'", '"'),
            fc.constantFrom("\\n", "\\t", "\\\\", "\\'", '\\"', "\\x41", "\\u00e9", "\\U0001F600", "\\101", "\\d", "\\0"),
        ),
        { maxLength: 8 },
    )
    .map((parts) => parts.join(""));
const text = fc
    .tuple(fc.constantFrom("", "r", "b", "u", "R", "rb", "Br"), fc.constantFrom("'", '"', "'''", '"""'), stringBody)
    .map(([prefix, quote, body]) => {
        // Keep the literal closable: no bare occurrence of its own quote, and no non-ASCII in bytes.
        let content = body.split(quote).join(quote === "'" || quote === "'''" ? "\\'" : '\\"');
        if (/b/i.test(prefix))
            content = [...content]
                .map((c) => (c.charCodeAt(0) > 0x7f ? "x" : c))
                .join("")
                .replace(/\\[uU][0-9a-fA-F]+/g, "x");
        if (/r/i.test(prefix)) content = content.replace(/\\+$/, "");
        return `${prefix}${quote}${content}${quote}`;
    });
const { value: literal } = fc.letrec<{ value: string }>((tie) => ({
    value: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        number,
        number.map((n) => `-${n}`),
        text,
        // Adjacent literals join only within a kind: text with text, bytes with bytes.
        fc
            .tuple(text, text)
            .filter(([a, b]) => /^[rRuU]*b/i.test(a) === /^[rRuU]*b/i.test(b))
            .map(([a, b]) => `${a} ${b}`),
        fc.constantFrom("True", "False", "None", `os.environ['${ENV_NAME}']`),
        fc.array(tie("value"), { maxLength: 4 }).map((items) => `[${items.join(", ")}]`),
        fc.array(tie("value"), { maxLength: 4 }).map((items) => `(${items.join(", ")}${items.length === 1 ? "," : ""})`),
        fc
            .array(fc.tuple(fc.oneof(text, number, fc.constantFrom("None", "True")), tie("value")), { maxLength: 3 })
            .map((entries) => `{${entries.map(([k, v]) => `${k}: ${v}`).join(", ")}}`),
        fc.tuple(space, tie("value"), space).map(([a, v, b]) => `${a}${v}${b}`),
    ),
}));
const tricky = fc.constantFrom(
    "'",
    '"',
    "\\",
    "[",
    "]",
    "(",
    ")",
    "{",
    "}",
    ",",
    ":",
    "-",
    "+",
    ".",
    "_",
    "0",
    "x",
    "j",
    "e",
    "b",
    "r",
    "#",
    " ",
    "\0",
    ";",
    "os",
    "=",
    "*",
);
const mutation = fc.tuple(literal, fc.nat(), tricky, fc.constantFrom("insert", "delete", "replace")).map(([value, at, char, how]) => {
    const i = value.length === 0 ? 0 : at % value.length;
    if (how === "insert") return value.slice(0, i) + char + value.slice(i);
    if (how === "delete") return value.slice(0, i) + value.slice(i + 1);
    return value.slice(0, i) + char + value.slice(i + 1);
});

describe("od.config overrides, read as pyos's reader reads them", () => {
    it("accepts only texts CherryPy reads, and reads them to the same value", () => {
        const seed = Date.now();
        const generated = fc.sample(literal, { numRuns: 1500, seed });
        const mutated = fc.sample(mutation, { numRuns: 2500, seed: seed + 1 });
        const garbage = fc.sample(
            fc.array(tricky, { minLength: 1, maxLength: 6 }).map((chars) => chars.join("")),
            { numRuns: 1000, seed: seed + 2 },
        );
        // A stack file is UTF-8: a mutation that splits a surrogate pair makes text no user can write.
        const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
        const texts = [...new Set([...generated, ...mutated, ...garbage])].filter((t) => !/[\r\n]/.test(t) && !loneSurrogate.test(t));
        const theirs = cherrypy(texts);
        const wrong: string[] = [];
        let accepted = 0;
        texts.forEach((t, i) => {
            const ours = readPythonLiteral(t, [ENV_NAME]);
            if (!("value" in ours)) return;
            accepted++;
            const result = theirs[i];
            if (!("value" in result)) wrong.push(`${JSON.stringify(t)}: we accept it, CherryPy refuses it (${result.error})`);
            else if (JSON.stringify(result.value) !== JSON.stringify(asCherrypyTags(ours.value))) {
                wrong.push(
                    `${JSON.stringify(t)}: we read ${JSON.stringify(asCherrypyTags(ours.value))}, CherryPy ${JSON.stringify(result.value)}`,
                );
            }
        });
        assert.deepEqual(wrong.slice(0, 20), [], `seed ${seed}`);
        // The generated texts use only the accepted kinds of literal: one that CherryPy reads and we refuse is a
        // literal we wrongly refuse.
        const index = new Map(texts.map((t, i) => [t, i]));
        const wronglyRefused = generated.filter(
            (t) => index.has(t) && "value" in theirs[index.get(t)!] && !("value" in readPythonLiteral(t, [ENV_NAME])),
        );
        assert.deepEqual(wronglyRefused.slice(0, 10), [], `seed ${seed}`);
        const readable = generated.filter((t) => index.has(t) && "value" in theirs[index.get(t)!]).length;
        assert.ok(readable > generated.length / 2, `only ${readable} of ${generated.length} generated texts are valid literals`);
        assert.ok(accepted > texts.length / 4, `only ${accepted} of ${texts.length} accepted`);
    });

    it("refuses what CherryPy would fail on, saying what is wrong", () => {
        const refused: [string, RegExp][] = [
            ["volume", /the name volume is not a literal \(quote text: 'volume'\)/],
            ["true", /the name true is not a literal/],
            ["'unclosed", /not closed/],
            ["{'a', 'b'}", /is a set, which pyos's reader cannot build/],
            ["{[1]: 2}", /a dict key must be/],
            [
                "os.environ['NOT_IN_PYOS']",
                /os.environ\['NOT_IN_PYOS'\] is not set in pyos's container \(it has NODE_NAME, POD_NAME, POD_NAMESPACE, POD_IP, MONGODB_URL\)/,
            ],
            ["1 - 1", /unexpected "- 1" at character 3/],
            ["-'a'", /a minus sign applies to numbers only/],
            ["f'x'", /the name f is not a literal/],
            ["b'a' 'b'", /text and bytes literals cannot be joined/],
            ["", /is empty \(write None for no value\)/],
        ];
        for (const [input, message] of refused) {
            const result = readPythonLiteral(
                input,
                pyosEnvironmentNames({ ldapDirectory: false, oauthProviders: [], managerApiKey: false }),
            );
            assert.ok("problem" in result, input);
            assert.match(result.problem, message, input);
        }
        assert.deepEqual(
            cherrypy(refused.map(([input]) => input).filter((input) => input !== ""))
                .map((result, i) => ("value" in result ? refused[i][0] : undefined))
                .filter(Boolean),
            [],
            "CherryPy fails on each too",
        );
    });

    it("refuses what CherryPy would run as code (not given to CherryPy here, which would run it)", () => {
        for (const input of [
            "open('/etc/passwd').read()",
            "os.system('id')",
            "__import__('os').getcwd()",
            "'a' ; import os",
            "1 + 1",
            "len('x')",
        ]) {
            assert.ok(
                "problem" in
                    readPythonLiteral(input, pyosEnvironmentNames({ ldapDirectory: true, oauthProviders: [], managerApiKey: false })),
                input,
            );
        }
    });

    it("refuses such an override before anything is registered, naming the key", () => {
        const { problems } = validateArgs({
            pyos: { odConfigOverrides: { "desktop.homedirectorytype": "volume", "desktop.defaultbackgroundcolors": "['#6EC6F0']" } },
        });
        assert.deepEqual(problems, [
            `pyos.odConfigOverrides["desktop.homedirectorytype"]: "volume" is not a Python literal pyos can read: the name volume is not a literal (quote text: 'volume') at character 7`,
        ]);
    });
});
