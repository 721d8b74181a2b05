// The program's stack config: declared in Pulumi.yaml, read by index.ts, defaults equal to the component's.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { parseImageReference, PROGRAM_CONFIG_KEYS, SECRET_CONFIG_KEYS } from "../components/program/argsFromConfig";
import { resolveSettings } from "../components/settings";
import { evaluateProgram } from "../components/render/evaluateProgram";
import { loadStackConfig } from "../components/render/stackConfig";
import { PROJECT_DIR, render } from "./support/render";

const declared = (
    parse(readFileSync(join(PROJECT_DIR, "Pulumi.yaml"), "utf8")) as {
        config: Record<string, { type?: string; default?: unknown; secret?: boolean }>;
    }
).config;

describe("program config", () => {
    it("reads exactly the keys Pulumi.yaml declares", () => {
        assert.deepEqual([...PROGRAM_CONFIG_KEYS].sort(), Object.keys(declared).sort());
    });

    it("refuses every password and credential kept in clear text, naming the command that encrypts it", async () => {
        // Pulumi.yaml cannot declare them `secret: true`: the engine demands a default for an optional key and
        // refuses a clear-text default for a secret one. The program enforces the encryption instead.
        assert.deepEqual([...SECRET_CONFIG_KEYS].sort(), [
            "ldapBindPassword",
            "mongodbPyosPassword",
            "mongodbRootPassword",
            "registryDockerConfigJson",
            "registryPassword",
        ]);
        for (const key of SECRET_CONFIG_KEYS) {
            const clearText = render(["--stack", "dev", "--config", `${key}=value-in-clear-text`]);
            const encrypted = render(["--stack", "dev", "--secret", `${key}=value-in-clear-text`]);
            const [refused, accepted] = await Promise.all([clearText, encrypted]);
            assert.equal(refused.code, 2, key);
            assert.match(
                refused.stderr,
                new RegExp(`config abcdesktop:${key} must be encrypted: set it with \`pulumi config set --secret ${key} \\.\\.\\.\``),
            );
            assert.equal(refused.stdout, "");
            assert.notEqual(accepted.stderr.includes("must be encrypted"), true, `${key}: ${accepted.stderr}`);
        }
    });

    it("gives the component exactly its own defaults when the stack sets nothing", async () => {
        const { project, config, secretKeys } = loadStackConfig(PROJECT_DIR, "dev", []);
        const defaultsOnly = Object.fromEntries(
            Object.entries(declared)
                .filter(([, spec]) => spec.default !== undefined)
                .map(([key, spec]) => [
                    `${project}:${key}`,
                    typeof spec.default === "string" ? spec.default : JSON.stringify(spec.default),
                ]),
        );
        assert.ok(Object.keys(config).length >= Object.keys(defaultsOnly).length);
        let args: unknown;
        await evaluateProgram({
            project,
            stack: "dev",
            config: defaultsOnly,
            secretKeys,
            program: () => {
                const { argsFromConfig } = require("../components") as typeof import("../components");
                const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
                args = argsFromConfig(new pulumi.Config());
                return {};
            },
        });
        assert.deepEqual(resolveSettings(args as object), resolveSettings({}));
    });

    it("splits application image references, registry ports included", () => {
        assert.deepEqual(parseImageReference("abcdesktopio/firefox.d:1.0"), { repository: "abcdesktopio/firefox.d", tag: "1.0" });
        assert.deepEqual(parseImageReference("registry.example.com:5000/apps/gimp.d:2.10"), {
            repository: "registry.example.com:5000/apps/gimp.d",
            tag: "2.10",
        });
        assert.deepEqual(parseImageReference("registry.example.com:5000/apps/gimp.d"), {
            repository: "registry.example.com:5000/apps/gimp.d",
        });
    });
});
