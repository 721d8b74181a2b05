// The program's stack config: one key per top-level setting, declared in Pulumi.yaml, read into the component's
// arguments; what a user can get wrong is refused before anything is registered, naming what they typed.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { PROGRAM_CONFIG_KEYS } from "../components/program/argsFromConfig";
import { evaluateProgram } from "../components/render/evaluateProgram";
import { loadStackConfig } from "../components/render/stackConfig";
import { defaultSettings, SECRET_SETTING_PATHS } from "../components/settings";
import { validateArgs } from "../components/validateArgs";
import { PROJECT_DIR, render } from "./support/render";

const declared = (
    parse(readFileSync(join(PROJECT_DIR, "Pulumi.yaml"), "utf8")) as {
        config: Record<string, { type?: string; default?: unknown; secret?: boolean }>;
    }
).config;

describe("program config", () => {
    it("reads exactly the keys Pulumi.yaml declares: the component's top-level arguments", () => {
        assert.deepEqual([...PROGRAM_CONFIG_KEYS].sort(), Object.keys(declared).sort());
    });

    it("refuses every password and credential kept in clear text, naming the command that encrypts it", async () => {
        assert.deepEqual([...SECRET_SETTING_PATHS].sort(), [
            "auth.ldap.bindPassword",
            "auth.oauth.*.clientSecret",
            "mongodb.pyosPassword",
            "mongodb.rootPassword",
            "pyos.managerApiKey",
            "registry.credentials.dockerConfigJson",
            "registry.credentials.password",
        ]);
        // A pattern's setting, as a stack sets it.
        const concrete = (path: string) => path.replace("*", "google");
        const oauthProvider = (field: string, value: string) => `auth.oauth.google.${field}=${value}`;
        // Each with the settings it needs to be valid otherwise, so that only the encryption is in question.
        const context: Record<string, string[]> = {
            "auth.ldap.bindPassword": ["auth.ldap.url=ldap://ldap.example.com", "auth.ldap.baseDn=dc=x", "auth.ldap.bindDn=cn=a,dc=x"],
            "registry.credentials.password": ["registry.credentials.server=r.example.com", "registry.credentials.username=u"],
            "pyos.managerApiKey": ["release=4.4"],
            "auth.oauth.google.clientSecret": [
                "release=4.4",
                // OAuth needs HTTPS.
                "exposure.type=ingress",
                "exposure.hostname=desk.example.com",
                "exposure.tls.secretName=desk-tls",
                oauthProvider("displayName", "Google"),
                oauthProvider("clientId", "abcdesktop.apps.example.com"),
                oauthProvider("scope[0]", "openid"),
                oauthProvider("authorizationUrl", "https://accounts.google.com/o/oauth2/v2/auth"),
                oauthProvider("tokenUrl", "https://oauth2.googleapis.com/token"),
                oauthProvider("userinfoUrl", "https://openidconnect.googleapis.com/v1/userinfo"),
            ],
        };
        const values: Record<string, string> = { "registry.credentials.dockerConfigJson": '{"auths":{"r.example.com":{}}}' };
        for (const path of SECRET_SETTING_PATHS.map(concrete)) {
            const value = values[path] ?? "value-in-clear-text-0123456789";
            const others = (context[path] ?? []).flatMap((assignment) => ["--config", assignment]);
            const [refused, accepted] = await Promise.all([
                render(["--stack", "dev", "--path", ...others, "--config", `${path}=${value}`]),
                render(["--stack", "dev", "--path", ...others, "--secret", `${path}=${value}`]),
            ]);
            assert.equal(refused.code, 2, `${path}: ${refused.stderr}`);
            assert.ok(
                refused.stderr.includes(
                    `config abcdesktop:${path} must be encrypted: set it with \`pulumi config set --path --secret ${path} ...\``,
                ),
                refused.stderr,
            );
            assert.equal(refused.stdout, "");
            assert.ok(!refused.stderr.includes(value), `${path}: the clear-text value is echoed`);
            assert.equal(accepted.code, 0, `${path}: ${accepted.stderr}`);
        }
    });

    it("gives the component exactly its own defaults when the stack sets nothing", async () => {
        const { project, secretKeys } = loadStackConfig(PROJECT_DIR, "dev");
        const defaultsOnly = Object.fromEntries(
            Object.entries(declared)
                .filter(([, spec]) => spec.default !== undefined)
                .map(([key, spec]) => [
                    `${project}:${key}`,
                    typeof spec.default === "string" ? spec.default : JSON.stringify(spec.default),
                ]),
        );
        assert.equal(Object.keys(defaultsOnly).length, PROGRAM_CONFIG_KEYS.length, "every key has a default");
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
        assert.deepEqual(validateArgs(args as object).settings, defaultSettings());
    });
});

describe("config mistakes, each named as the user typed it", () => {
    const refusal = async (args: string[]) => {
        const result = await render(["--stack", "dev", ...args]);
        assert.equal(result.code, 2, result.stdout.slice(0, 200));
        assert.equal(result.stdout, "");
        return result.stderr;
    };

    it("a key of 0.1, with its new setting and the command that moves every old key", async () => {
        const stderr = await refusal(["--config", "imagePullPolicy=Always", "--config", "nodePort=30444"]);
        assert.match(
            stderr,
            /config abcdesktop:imagePullPolicy: renamed in 0.2.0: imagePullPolicy is now registry.pullPolicy\. Set it with `pulumi config set --path registry.pullPolicy \.\.\.`/,
        );
        assert.match(stderr, /config abcdesktop:nodePort: renamed in 0.2.0: nodePort is now exposure.nodePort/);
        assert.match(stderr, /npm run migrate-config -- --stack <stack>/);
    });

    it("an object key of 0.1, each of its values with its new place", async () => {
        const stderr = await refusal(["--config", 'images={"pyos":{"tag":"1.2"},"user":{"tag":"1.1"}}']);
        assert.match(stderr, /images.pyos.tag is now pyos.image.tag; images.user.tag is now desktop.image.tag/);
    });

    it("a misspelt key, with the nearest one", async () => {
        assert.match(
            await refusal(["--config", "namepsace=x"]),
            /config abcdesktop:namepsace: unknown setting; did you mean "namespace"\?/,
        );
    });

    it("a setting path given without --path", async () => {
        assert.match(
            await refusal(["--config", "pyos.image.tag=1.2"]),
            /config abcdesktop:pyos.image.tag: is not a key; to set a field of pyos, use `pulumi config set --path pyos.image.tag \.\.\.`/,
        );
    });

    it("a wrong value under --path, by its path", async () => {
        assert.match(
            await refusal(["--path", "--config", "exposure.nodePort=80"]),
            /exposure.nodePort: 80 is not allowed; allowed: an integer from 30000 to 32767/,
        );
    });

    it("a value given as a secret is never echoed, whatever field it is", async () => {
        const stderr = await refusal([
            "--path",
            "--secret",
            "auth.ldap.url=http://not-ldap.example.com",
            "--config",
            "auth.ldap.baseDn=dc=x",
            "--config",
            "auth.ldap.bindDn=cn=a,dc=x",
            "--secret",
            "auth.ldap.bindPassword=pw",
        ]);
        assert.match(stderr, /auth.ldap.url: the value \(secret, not shown\) is not an LDAP URL/);
        assert.ok(!stderr.includes("not-ldap"), stderr);
    });

    it("every problem at once", async () => {
        const stderr = await refusal([
            "--path",
            "--config",
            "exposure.nodePort=80",
            "--config",
            "jwtKeys.size=1024",
            "--config",
            "namepsace=x",
        ]);
        assert.match(stderr, /namepsace/);
        assert.match(stderr, /exposure.nodePort: 80/);
        assert.match(stderr, /jwtKeys.size: 1024/);
    });
});
