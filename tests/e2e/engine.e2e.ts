// The real Pulumi engine runs the program: up, up again with no changes, a one-setting preview, promotion to a
// prod stack with `pulumi config cp`, and destroy. The Kubernetes provider renders manifests to a folder
// (renderYamlToDirectory) instead of applying them; the tls and random providers are the real ones.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Stack } from "@pulumi/pulumi/automation";
import { parseAllDocuments } from "yaml";
import { Abcdesktop } from "../../components/abcdesktop";
import { JWT_SECRETS } from "../../components/jwtKeys/jwtKeys";
import { openssl } from "../support/openssl";
import { assertJwtKeySecrets, secretValues } from "./jwtKeySecrets";
import { changedSteps, createE2eWorkspace, E2eWorkspace } from "./workspace";

interface RenderedObject {
    kind: string;
    metadata: { name: string; namespace?: string; labels?: Record<string, string> };
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

describe("the real Pulumi engine", { timeout: 30 * 60 * 1000 }, () => {
    let workspace: E2eWorkspace;
    const renderDir = (stack: string) => join(workspace.root, "rendered", stack);
    let dev: Stack;
    let prod: Stack;

    // The default Kubernetes provider reads its settings from stack config, like any user's.
    const openStack = (name: string) => workspace.openStack(name, { "kubernetes:renderYamlToDirectory": { value: renderDir(name) } });

    before(async () => {
        workspace = createE2eWorkspace();
        dev = await openStack("dev");
    });

    after(() => workspace?.dispose());

    it("creates the dev stack with `pulumi up`", async () => {
        const result = await dev.up();
        assert.equal(result.summary.result, "succeeded");
        assert.ok((result.summary.resourceChanges?.create ?? 0) > 40, JSON.stringify(result.summary.resourceChanges));
        assert.equal(result.outputs.url.value, "http://localhost:30443/");
        assert.equal(result.outputs.namespace.value, "abcdesktop");
    });

    it("stores keys made by the real tls provider in the Secrets, payload public key PKCS#1, signing public keys PKIX", () => {
        const objects = renderedObjects(renderDir("dev"));
        assertJwtKeySecrets((name) => secretValues(objects.get(`Secret/abcdesktop/${name}`) ?? {}));
    });

    it("changes nothing on a second `pulumi up --expect-no-changes`", async () => {
        const result = await dev.up({ expectNoChanges: true });
        assert.equal(result.summary.result, "succeeded");
        assert.deepEqual(Object.keys(result.summary.resourceChanges ?? {}), ["same"]);
    });

    it("previews a NodePort change as an update of Service nginx and nothing else", async () => {
        await dev.setConfig("abcdesktop:exposure.nodePort", { value: "30500" }, true);
        const { onEvent, changed } = changedSteps();
        await dev.preview({ onEvent });
        await dev.removeConfig("abcdesktop:exposure.nodePort", true);
        assert.deepEqual(changed, ["update kubernetes:core/v1:Service abcdesktop-nginx"]);
    });

    it("keeps every private key and password encrypted in `pulumi stack export`", async () => {
        // The CLI itself: the Automation API's exportStack adds --show-secrets.
        const exported = workspace.pulumiCli(["stack", "export", "--stack", "dev"]);
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
        workspace.pulumiCli(["stack", "init", "prod"]);
        workspace.pulumiCli(["config", "cp", "--stack", "dev", "--dest", "prod"]);
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

    it("runs a consumer's `transforms` on every Kubernetes object the component creates", async () => {
        // What a platform team's own program does: one label on everything, through the engine's transform hook.
        const label = "example.com/cost-center";
        const consumerProgram = async () => {
            const platform = new Abcdesktop(
                "desktops",
                { namespace: "desktops" },
                {
                    transforms: [
                        async ({ type, props, opts }) => {
                            if (!type.startsWith("kubernetes:")) return undefined;
                            const metadata = (props.metadata ?? {}) as { labels?: Record<string, string> };
                            return {
                                props: { ...props, metadata: { ...metadata, labels: { ...metadata.labels, [label]: "desktops" } } },
                                opts,
                            };
                        },
                    ],
                },
            );
            return { namespace: platform.namespace };
        };
        const consumer = await workspace.openStack(
            "consumer",
            { "kubernetes:renderYamlToDirectory": { value: renderDir("consumer") } },
            consumerProgram,
        );
        const result = await consumer.up();
        assert.equal(result.summary.result, "succeeded");
        const objects = [...renderedObjects(renderDir("consumer")).entries()];
        assert.ok(objects.length > 30, `${objects.length} objects rendered`);
        const unlabelled = objects.filter(([, o]) => o.metadata.labels?.[label] !== "desktops").map(([key]) => key);
        assert.deepEqual(unlabelled, []);
        assert.equal((await consumer.destroy()).summary.result, "succeeded");
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
