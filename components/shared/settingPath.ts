/**
 * Paths to one setting inside the arguments, written the way `pulumi config set --path` takes them:
 * `pyos.image.tag`, `imagePrePull.applications[0]`, `pyos.odConfigOverrides["desktop.homedirectorytype"]`.
 * Error messages, `npm run render -- --path` and the config migration all read and write this one syntax.
 */
export type SettingPath = readonly (string | number)[];

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** The path as text; keys that are not plain names are quoted in brackets. */
export function formatPath(path: SettingPath): string {
    return path
        .map((part, index) => {
            if (typeof part === "number") return `[${part}]`;
            if (IDENTIFIER.test(part)) return index === 0 ? part : `.${part}`;
            return `[${JSON.stringify(part)}]`;
        })
        .join("");
}

/** Raised for a path that is not of `pulumi config set --path`'s form; the message says where. */
export class SettingPathError extends Error {
    constructor(text: string, why: string) {
        super(`${JSON.stringify(text)} is not a setting path (${why}); expected a form such as pyos.image.tag or list[0]`);
        this.name = "SettingPathError";
    }
}

/** Parses `a.b[0]["c.d"]` into `["a", "b", 0, "c.d"]`. */
export function parsePath(text: string): (string | number)[] {
    const parts: (string | number)[] = [];
    let i = 0;
    const name = () => {
        const match = /^[A-Za-z_$][A-Za-z0-9_$-]*/.exec(text.slice(i));
        if (!match) throw new SettingPathError(text, `a name is expected at character ${i + 1}`);
        i += match[0].length;
        parts.push(match[0]);
    };
    name();
    while (i < text.length) {
        if (text[i] === ".") {
            i += 1;
            name();
        } else if (text[i] === "[") {
            const rest = text.slice(i);
            const index = /^\[([0-9]+)\]/.exec(rest);
            const quoted = /^\["((?:[^"\\]|\\.)*)"\]/.exec(rest);
            if (index) {
                parts.push(Number(index[1]));
                i += index[0].length;
            } else if (quoted) {
                parts.push(JSON.parse(`"${quoted[1]}"`) as string);
                i += quoted[0].length;
            } else {
                throw new SettingPathError(text, `an index or a quoted key is expected at character ${i + 1}`);
            }
        } else {
            throw new SettingPathError(text, `unexpected ${JSON.stringify(text[i])} at character ${i + 1}`);
        }
    }
    return parts;
}

/** The value at `path` inside `root`, or undefined when any step is missing. */
export function valueAt(root: unknown, path: SettingPath): unknown {
    let current = root;
    for (const part of path) {
        // Own properties only: a step named `__proto__` or `constructor` is a setting's name, never the prototype's.
        if (current === null || typeof current !== "object" || !Object.hasOwn(current, part)) return undefined;
        current = (current as Record<string | number, unknown>)[part];
    }
    return current;
}

/**
 * A copy of `root` with `value` at `path`, creating objects and lists on the way as `pulumi config set --path`
 * does (a numeric step makes a list).
 */
export function withValueAt(root: unknown, path: SettingPath, value: unknown): unknown {
    if (path.length === 0) return value;
    const [head, ...rest] = path;
    const container: Record<string | number, unknown> | unknown[] =
        typeof head === "number"
            ? Array.isArray(root)
                ? [...root]
                : []
            : root !== null && typeof root === "object" && !Array.isArray(root)
              ? { ...(root as Record<string, unknown>) }
              : {};
    const inner = Object.hasOwn(container, head) ? (container as Record<string | number, unknown>)[head] : undefined;
    // Defined, not assigned: assigning `__proto__` would replace the object's prototype instead of adding a setting.
    Object.defineProperty(container, head, {
        value: withValueAt(inner, rest, value),
        enumerable: true,
        writable: true,
        configurable: true,
    });
    return container;
}

/**
 * The paths in `root` a pattern names: dot-separated names where `*` stands for every key of an object, as in
 * `auth.oauth.*.clientSecret`.
 */
export function expandPattern(root: unknown, pattern: string): SettingPath[] {
    let paths: (string | number)[][] = [[]];
    for (const part of pattern.split(".")) {
        paths = paths.flatMap((path) => {
            if (part !== "*") return [[...path, part]];
            const container = valueAt(root, path);
            if (container === null || typeof container !== "object" || Array.isArray(container)) return [];
            return Object.keys(container).map((key) => [...path, key]);
        });
    }
    return paths.filter((path) => valueAt(root, path) !== undefined);
}

/** Whether `path` is one the pattern names, or lies inside one. */
export function isUnderPattern(path: SettingPath, pattern: string): boolean {
    const parts = pattern.split(".");
    return path.length >= parts.length && parts.every((part, i) => part === "*" || part === path[i]);
}
