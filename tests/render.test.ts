// `npm run render`: the offline preview reviewers and CI read.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { parse } from "yaml";
import { FIELD_MANAGER_ANNOTATION, stackFieldManager } from "../components/shared/serverSideApply";
import { parseStream, PROJECT_DIR, render, RenderResult } from "./support/render";

function stackConfig(stack: string): Record<string, unknown> {
    return (parse(readFileSync(join(PROJECT_DIR, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> }).config;
}

function projectDefaults(): Record<string, unknown> {
    const declared = (parse(readFileSync(join(PROJECT_DIR, "Pulumi.yaml"), "utf8")) as { config: Record<string, { default?: unknown }> })
        .config;
    return Object.fromEntries(Object.entries(declared).map(([key, spec]) => [`abcdesktop:${key}`, spec.default]));
}

/** `--config` flags that turn the dev stack's config into the prod stack's. */
function devToProdOverrides(): string[] {
    const dev = stackConfig("dev");
    const prod = stackConfig("prod");
    const defaults = projectDefaults();
    const flags: string[] = [];
    for (const key of new Set([...Object.keys(dev), ...Object.keys(prod)])) {
        const value = key in prod ? prod[key] : defaults[key];
        assert.notEqual(value, undefined, `${key} is set in dev only and has no default to fall back to`);
        flags.push("--config", `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
    }
    return flags;
}

describe("render", () => {
    let dev: RenderResult;
    let devAgain: RenderResult;
    let devShown: RenderResult;
    let prod: RenderResult;
    let devAsProd: RenderResult;
    before(async () => {
        [dev, devAgain, devShown, prod, devAsProd] = await Promise.all([
            render(["--stack", "dev"]),
            render(["--stack", "dev"]),
            render(["--stack", "dev", "--show-secrets"]),
            render(["--stack", "prod"]),
            render(["--stack", "dev", ...devToProdOverrides()]),
        ]);
        for (const result of [dev, devAgain, devShown, prod, devAsProd]) {
            assert.equal(result.code, 0, result.stderr);
        }
    });

    it("prints the whole platform of the dev stack as parseable YAML", () => {
        const objects = parseStream(dev.stdout);
        const names = objects.map((o) => `${o.kind}/${o.metadata.name}`);
        for (const expected of [
            "Namespace/abcdesktop",
            "DaemonSet/daemonset-nginx",
            "DaemonSet/daemonset-pyos",
            "StatefulSet/mongodb-od",
            "Deployment/openldap-od",
            "DaemonSet/daemonset-image-prepull",
            "Secret/abcdesktopjwtdesktoppayload",
        ]) {
            assert.ok(names.includes(expected), expected);
        }
    });

    it("is byte-identical from one run to the next", () => {
        assert.equal(dev.stdout, devAgain.stdout);
    });

    it("redacts every secret value unless --show-secrets", () => {
        assert.doesNotMatch(dev.stdout, /PRIVATE KEY|PUBLIC KEY|mongodb:\/\/pyos:/);
        assert.match(dev.stdout, /<redacted: secret>/);
        assert.match(devShown.stdout, /-----BEGIN RSA PRIVATE KEY-----/);
        assert.match(devShown.stdout, /-----BEGIN RSA PUBLIC KEY-----/);
        assert.match(devShown.stdout, /mongodb:\/\/pyos:[A-Za-z0-9]{32}@mongodb\.abcdesktop\.svc\.cluster\.local:27017/);
    });

    it("differs between dev and prod only where their config differs", () => {
        assert.notEqual(dev.stdout, prod.stdout);
        // But for the field manager, which is each stack's own (components/shared/fieldManager.ts).
        const ownManager = (yaml: string, stack: string) => yaml.replaceAll(`${FIELD_MANAGER_ANNOTATION}: ${stackFieldManager(stack)}`, "");
        assert.notEqual(ownManager(devAsProd.stdout, "dev"), devAsProd.stdout, "the dev stack's objects name its field manager");
        assert.equal(ownManager(devAsProd.stdout, "dev"), ownManager(prod.stdout, "prod"), "dev with prod's config renders exactly prod");
        const namespaces = new Set(
            parseStream(prod.stdout)
                .map((o) => o.metadata.namespace)
                .filter(Boolean),
        );
        assert.deepEqual([...namespaces], ["abcdesktop-prod"]);
    });

    it("refuses invalid config with the key and what is allowed, writing nothing", async () => {
        const cases: [string[], RegExp][] = [
            [
                ["--path", "--config", "exposure.nodePort=80"],
                /exposure.nodePort: 80 is not allowed; allowed: an integer from 30000 to 32767/,
            ],
            [["--path", "--config", "exposure.nodePort=many"], /exposure.nodePort: expected a number; got "many"/],
            [["--path", "--config", "jwtKeys.size=1024"], /jwtKeys.size: 1024 is not allowed \(keys below 2048 bits are refused\)/],
            [
                ["--config", "nodeport=30443"],
                /config abcdesktop:nodeport: unknown setting; did you mean "nodePort"\? That is exposure.nodePort since 0.2.0/,
            ],
            [
                ["--config", "createNamespace=yes"],
                /config abcdesktop:createNamespace: "yes" is not a valid boolean \(allowed: true, false\)/,
            ],
            [
                ["--path", "--config", "pyos.image..tag=1"],
                /--config pyos.image..tag: "pyos.image..tag" is not a setting path \(a name is expected at character 12\)/,
            ],
            [["--stack", "nosuchstack"], /stack "nosuchstack" has no Pulumi.nosuchstack.yaml/],
            [["--colour"], /Unknown option '--colour'/],
        ];
        const results = await Promise.all(cases.map(([args]) => render(args)));
        results.forEach((result, i) => {
            assert.equal(result.code, 2, cases[i][0].join(" "));
            assert.match(result.stderr, cases[i][1]);
            assert.equal(result.stdout, "", "nothing is written");
        });
    });

    it("prints only YAML on stdout through `npm run --silent render`, README's command", async () => {
        const { execFile } = await import("node:child_process");
        const stdout = await new Promise<string>((resolve, reject) =>
            execFile(
                "npm",
                ["run", "--silent", "render", "--", "--stack", "dev"],
                { cwd: PROJECT_DIR, maxBuffer: 64 * 1024 * 1024 },
                (error, out) => (error ? reject(error) : resolve(out)),
            ),
        );
        assert.ok(stdout.startsWith("---\napiVersion: "), stdout.slice(0, 80));
        assert.equal(stdout, dev.stdout, "the same bytes as the render run directly");
        assert.equal(parseStream(stdout).length, parseStream(dev.stdout).length);
    });

    it("says on stderr what it waits for and where it wrote, and refuses a folder that does not exist", async () => {
        const { mkdtempSync, readFileSync: read, rmSync } = await import("node:fs");
        const { tmpdir } = await import("node:os");
        const dir = mkdtempSync(join(tmpdir(), "render-out-"));
        try {
            const written = await render(["--stack", "prod", "--out", join(dir, "prod.yaml")]);
            assert.equal(written.code, 0, written.stderr);
            assert.equal(written.stdout, "");
            assert.match(written.stderr, /render: making a throwaway 4096-bit RSA key for abcdesktop-abcdesktopjwtdesktopsigning/);
            const count = parseStream(read(join(dir, "prod.yaml"), "utf8")).length;
            assert.match(written.stderr, new RegExp(`render: wrote ${count} objects to ${join(dir, "prod.yaml")}`));
            const missing = await render(["--stack", "dev", "--out", join(dir, "no", "such", "dev.yaml")]);
            assert.equal(missing.code, 2);
            assert.equal(
                missing.stderr,
                `render: cannot write ${join(dir, "no", "such", "dev.yaml")}: the folder ${join(dir, "no", "such")} does not exist (create it first)\n`,
            );
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it("says in its help that the keys it makes are throwaway", async () => {
        const help = await render(["--help"]);
        assert.equal(help.code, 0);
        assert.match(help.stdout, /throwaway/);
        assert.match(help.stdout, /NOT the ones 'pulumi up' generates/);
    });
});
