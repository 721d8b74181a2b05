import { LABEL_KEY, LABEL_VALUE } from "./naming";
import { formatPath, parsePath, SettingPath, valueAt } from "./settingPath";
import { DEFAULT_RELEASE, Release } from "./settingsModule";

/** Raised before any resource is registered when the arguments are wrong; lists every problem at once. */
export class AbcdesktopArgsError extends Error {
    constructor(public readonly problems: string[]) {
        super(`invalid abcdesktop settings:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "AbcdesktopArgsError";
    }
}

/** What a message says instead of a value that must not be echoed (into a terminal, a CI log). */
export const HIDDEN_VALUE = "the value (secret, not shown)";

/**
 * The problems and warnings of one set of arguments, each naming the setting's path, the value given (unless
 * it is secret) and what is allowed. Checks read `settings` (the arguments over their defaults) and can tell
 * what the user gave themselves from `given`.
 */
export class SettingsCheck {
    readonly problems: string[] = [];
    readonly warnings: string[] = [];

    constructor(
        readonly settings: unknown,
        readonly given: unknown,
        private readonly isHidden: (path: SettingPath) => boolean,
        /** The release the settings are for. */
        readonly release: Release = DEFAULT_RELEASE,
    ) {}

    /** The effective value at a path (given, else default). */
    value(path: string): unknown {
        return valueAt(this.settings, parsePath(path));
    }

    /** Whether the user set this path themselves. */
    isGiven(path: string): boolean {
        return valueAt(this.given, parsePath(path)) !== undefined;
    }

    /** A value as a message shows it: JSON, or a note that it is secret. */
    show(path: string, value: unknown = this.value(path)): string {
        return this.isHidden(parsePath(path)) ? HIDDEN_VALUE : JSON.stringify(value);
    }

    problem(path: SettingPath | string, message: string): void {
        this.problems.push(`${typeof path === "string" ? path : formatPath(path)}: ${message}`);
    }

    warn(path: string, message: string): void {
        this.warnings.push(`${path}: ${message}`);
    }

    /** The value, when set, is one of `allowed`. */
    oneOf(path: string, allowed: readonly unknown[]): void {
        const value = this.value(path);
        if (value !== undefined && !allowed.includes(value)) {
            this.problem(path, `${this.show(path)} is not allowed; allowed: ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
        }
    }

    /** The value, when set, is a string matching `pattern`; `what` says what it should be. */
    pattern(path: string, pattern: RegExp, what: string, maxLength = 253): void {
        const value = this.value(path);
        if (value === undefined) return;
        if (typeof value !== "string" || value.length > maxLength || !pattern.test(value)) {
            this.problem(path, `${this.show(path)} is not ${what}`);
        }
    }

    /** The value, when set, is a whole number from `min` to `max`. */
    integerIn(path: string, min: number, max: number, range = `an integer from ${min} to ${max}`): void {
        const value = this.value(path);
        if (value !== undefined && (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max)) {
            this.problem(path, `${this.show(path)} is not allowed; allowed: ${range}`);
        }
    }

    /** The value, when set, is a map of Kubernetes labels, or of annotations (whose values are free text). */
    labelMap(path: string, of: "label" | "annotation"): void {
        const map = (this.value(path) ?? {}) as Record<string, unknown>;
        for (const key of Object.keys(map)) {
            const entry = `${path}[${JSON.stringify(key)}]`;
            if (!LABEL_KEY.test(key)) {
                this.problem(
                    entry,
                    `${JSON.stringify(key)} is not ${of === "label" ? "a label" : "an annotation"} key (an optional DNS prefix and '/', then a name)`,
                );
            }
            if (of === "label") {
                this.pattern(
                    entry,
                    LABEL_VALUE,
                    "a label value (at most 63 letters, digits, '-', '_' or '.', starting and ending alphanumeric)",
                    63,
                );
            }
        }
    }

    /** A value the platform cannot do without: missing (or empty) is a problem that says so. */
    required(path: string, when: string): boolean {
        const value = this.value(path);
        if (value === undefined || value === "") {
            this.problem(path, `required ${when}`);
            return false;
        }
        return true;
    }

    /** A setting of some releases only: given in another, it is a problem that says which releases have it. */
    onlyIn(path: string, releases: readonly Release[]): void {
        if (this.isGiven(path) && !releases.includes(this.release)) {
            const named = releases.map((r) => JSON.stringify(r)).join(" and ");
            this.problem(
                path,
                `is a setting of release ${named}, and release is ${JSON.stringify(this.release)} (README, Choosing a release)`,
            );
        }
    }

    /** A setting that has no effect given the rest: said, not refused (promoted stacks carry such values). */
    noEffect(path: string, unless: string): void {
        if (this.isGiven(path)) this.warn(path, `has no effect unless ${unless}`);
    }
}
