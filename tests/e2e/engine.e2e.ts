// The real Pulumi engine runs the program: up, up again with no changes, a one-setting preview, promotion to a
// prod stack with `pulumi config cp`, and destroy. The Kubernetes provider renders manifests to a folder
// (renderYamlToDirectory) instead of applying them; the tls and random providers are the real ones.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { EngineEvent, LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { parseAllDocuments } from "yaml";
import { abcdesktopProgram } from "../../components/program/program";
import { JWT_SECRETS } from "../../components/keys/jwtKeys";
import { openssl } from "../support/openssl";
import { missingBinaries, toolchainBin } from "./toolchain";

const PROJECT_DIR = join(__dirname, "..", "..");
const PROJECT = "abcdesktop";

interface RenderedObject {
    kind: string;
    metadata: { name: string; namespace?: string };
    data?: Record<string, string>;
    stringData?: Record<string, string>;
}

/** Every object the provider rendered into a folder, by `Kind/namespace/name`. */
function renderedObjects(dir: string): Map<string, RenderedObject> {
    const objects = new Map<string, RenderedObject>();
    const walk = (path: string) => {
        for (const entry of readdirSync(path)) {
            const full = join(path, entry);
            if (statSync(full).isDirectory()) walk(full);
            else if (entry.endsWith(".yaml")) {
                for (const document of parseAllDocuments(readFileSync(full, "utf8"))) {
                    const object = document.toJS() as RenderedObject | null;
                    if (object) objects.set(`${object.kind}/${object.metadata.namespace ?? ""}/${object.metadata.name}`, object);
                }
            }
        }
    };
    walk(dir);
    return objects;
}

/** A Secret's values as text, whether the provider wrote `data` (base64) or `stringData`. */
function secretValues(secret: RenderedObject): Record<string, string> {
    const decoded = Object.fromEntries(Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, "base64").toString()]));
    return { ...decoded, ...(secret.stringData ?? {}) };
}

describe("the real Pulumi engine", { timeout: 30 * 60 * 1000 }, () => {
    const missing = missingBinaries();
    const root = mkdtempSync(join(tmpdir(), "abcdesktop-e2e-"));
    const workDir = join(root, "project");
    const renderDir = (stack: string) => join(root, "rendered", stack);
    const env: Record<string, string> = {
        PATH: `${toolchainBin()}:${process.env.PATH ?? ""}`,
        PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_HOME: join(root, "pulumi-home"),
        PULUMI_BACKEND_URL: `file://${join(root, "state")}`,
    };
    let dev: Stack;
    let prod: Stack;

    const pulumiCli = (args: string[]) =>
        execFileSync(join(toolchainBin(), "pulumi"), args, { cwd: workDir, env: { ...process.env, ...env }, encoding: "utf8" });

    const openStack = async (name: string) => {
        const pulumiCommand = await PulumiCommand.get({ root: join(toolchainBin(), "..") });
        const stack = await LocalWorkspace.createOrSelectStack(
            { projectName: PROJECT, stackName: name, program: async () => abcdesktopProgram() },
            { workDir, envVars: env, pulumiCommand },
        );
        // The default Kubernetes provider reads its settings from stack config, like any user's.
        await stack.setConfig("kubernetes:renderYamlToDirectory", { value: renderDir(name) });
        return stack;
    };

    before(async () => {
        assert.deepEqual(missing, [], `the toolchain is not built: run scripts/e2e-toolchain.sh (missing in ${toolchainBin()})`);
        mkdirSync(workDir, { recursive: true });
        mkdirSync(join(root, "state"), { recursive: true });
        for (const file of ["Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml"]) {
            copyFileSync(join(PROJECT_DIR, file), join(workDir, file));
        }
        dev = await openStack("dev");
    });

    after(() => rmSync(root, { recursive: true, force: true }));

    it("creates the dev stack with `pulumi up`", async () => {
        const result = await dev.up();
        assert.equal(result.summary.result, "succeeded");
        assert.ok((result.summary.resourceChanges?.create ?? 0) > 40, JSON.stringify(result.summary.resourceChanges));
        assert.equal(result.outputs.url.value, "http://localhost:30443/");
        assert.equal(result.outputs.namespace.value, "abcdesktop");
    });

    it("stores keys made by the real tls provider in the Secrets, payload public key PKCS#1, signing public keys PKIX", () => {
        const objects = renderedObjects(renderDir("dev"));
        for (const spec of Object.values(JWT_SECRETS)) {
            const secret = objects.get(`Secret/abcdesktop/${spec.secretName}`);
            assert.ok(secret, spec.secretName);
            const values = secretValues(secret);
            const publicKey = values[spec.publicKeyFile];
            if (spec.publicKeyFormat === "pkcs1") {
                assert.match(publicKey, /^-----BEGIN RSA PUBLIC KEY-----/);
                openssl((d) => ["rsa", "-RSAPublicKey_in", "-in", join(d, "k.pem"), "-noout"], { "k.pem": publicKey });
            } else {
                assert.match(publicKey, /^-----BEGIN PUBLIC KEY-----/);
                openssl((d) => ["pkey", "-pubin", "-in", join(d, "k.pem"), "-noout"], { "k.pem": publicKey });
            }
            const fromPrivate = openssl((d) => ["pkey", "-in", join(d, "k.pem"), "-pubout"], {
                "k.pem": values[spec.privateKeyFile],
            }).toString();
            const published = openssl((d) => ["pkey", "-pubin", "-in", join(d, "k.pem"), "-pubout"], {
                "k.pem":
                    spec.publicKeyFormat === "pkcs1"
                        ? openssl((d) => ["rsa", "-RSAPublicKey_in", "-in", join(d, "p.pem"), "-pubout"], { "p.pem": publicKey }).toString()
                        : publicKey,
            }).toString();
            assert.equal(published, fromPrivate, `${spec.secretName}: the public key is the private key's`);
        }
    });

    it("changes nothing on a second `pulumi up --expect-no-changes`", async () => {
        const result = await dev.up({ expectNoChanges: true });
        assert.equal(result.summary.result, "succeeded");
        assert.deepEqual(Object.keys(result.summary.resourceChanges ?? {}), ["same"]);
    });

    it("previews a NodePort change as an update of Service nginx and nothing else", async () => {
        await dev.setConfig("abcdesktop:nodePort", { value: "30500" });
        const changed: string[] = [];
        const onEvent = (event: EngineEvent) => {
            const step = event.resourcePreEvent?.metadata;
            if (step && step.op !== "same") changed.push(`${step.op} ${step.type} ${step.urn.split("::").pop()}`);
        };
        await dev.preview({ onEvent });
        await dev.removeConfig("abcdesktop:nodePort");
        assert.deepEqual(changed, ["update kubernetes:core/v1:Service abcdesktop-nginx"]);
    });

    it("keeps every private key and password encrypted in `pulumi stack export`", async () => {
        // The CLI itself: the Automation API's exportStack adds --show-secrets.
        const exported = pulumiCli(["stack", "export", "--stack", "dev"]);
        const objects = renderedObjects(renderDir("dev"));
        const secretTexts = [...objects.values()]
            .filter((o) => o.kind === "Secret")
            .flatMap((o) => Object.values(secretValues(o)))
            .flatMap((text) => [text, ...text.split("\n").filter((line) => line.length > 40)])
            // Long enough to be a password, a URL with one or a line of a key; user names such as "root" are not secret.
            .filter((text) => text.length >= 16);
        assert.ok(secretTexts.length > 10);
        for (const text of secretTexts) {
            const at = exported.indexOf(text);
            assert.ok(
                at === -1,
                `clear text in the stack export: ${text.slice(0, 30)}… after ${exported.slice(Math.max(0, at - 300), at)}`,
            );
        }
        assert.doesNotMatch(exported, /PRIVATE KEY-----/);
    });

    it("promotes to a prod stack with `pulumi config cp`, which comes up with its own keys", async () => {
        pulumiCli(["stack", "init", "prod"]);
        pulumiCli(["config", "cp", "--stack", "dev", "--dest", "prod"]);
        prod = await openStack("prod");
        const result = await prod.up();
        assert.equal(result.summary.result, "succeeded");
        assert.equal(result.outputs.namespace.value, "abcdesktop-prod");
        const devKey = secretValues(renderedObjects(renderDir("dev")).get("Secret/abcdesktop/abcdesktopjwtdesktopsigning")!);
        const prodKey = secretValues(renderedObjects(renderDir("prod")).get("Secret/abcdesktop-prod/abcdesktopjwtdesktopsigning")!);
        const file = JWT_SECRETS.desktopSigning.privateKeyFile;
        assert.notEqual(prodKey[file], devKey[file]);
        const bits = openssl((d) => ["pkey", "-in", join(d, "k.pem"), "-noout", "-text"], { "k.pem": prodKey[file] }).toString();
        assert.match(bits, /4096 bit/, "prod's config (jwtKeySize 4096) survived the copy");
    });

    it("leaves empty stacks after `pulumi destroy`", async () => {
        for (const stack of [prod, dev]) {
            const result = await stack.destroy();
            assert.equal(result.summary.result, "succeeded");
            const deployment = (await stack.exportStack()).deployment as { resources?: unknown[] };
            assert.equal(deployment.resources?.length ?? 0, 0, stack.name);
        }
    });
});
