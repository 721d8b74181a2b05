// The npm package as a consumer gets it: `npm pack` (which builds it), installed into a fresh project, compiled
// against its type declarations and run under Pulumi's mocks with the consumer's own Kubernetes provider.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";

const REPO_DIR = join(__dirname, "..");
const FIXTURE_DIR = join(__dirname, "fixtures", "consumer");
const PEERS = ["@pulumi/kubernetes", "@pulumi/pulumi", "@pulumi/random", "@pulumi/tls"];

/** Runs a command and returns its stdout; a failure reports the command's output. */
function run(command: string, args: string[], cwd: string): Promise<string> {
    return new Promise((resolve, reject) => {
        execFile(command, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
            if (error) reject(new Error(`${command} ${args.join(" ")} failed:\n${stdout}\n${stderr}`));
            else resolve(stdout);
        });
    });
}

interface PackResult {
    filename: string;
    files: { path: string }[];
}

interface Registered {
    type: string;
    name: string;
    provider?: string;
}

describe("npm package", () => {
    const scratch = mkdtempSync(join(tmpdir(), "abcdesktop-pack-"));
    const consumer = join(scratch, "consumer");
    const installed = join(consumer, "node_modules", "@abcdesktop", "abcdesktop");
    let packed: PackResult;

    before(async () => {
        packed = (JSON.parse(await run("npm", ["pack", "--json", "--pack-destination", scratch], REPO_DIR)) as PackResult[])[0];
        mkdirSync(consumer);
        for (const file of ["index.ts", "run.ts", "plainMocks.ts", "helperMocks.ts", "tsconfig.json"]) {
            copyFileSync(join(FIXTURE_DIR, file), join(consumer, file));
        }
        const name = (JSON.parse(readFileSync(join(REPO_DIR, "package.json"), "utf8")) as { name: string }).name;
        const dependencies = { [name]: `file:${join(scratch, packed.filename)}` };
        writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, dependencies }));
        // The tarball and its own dependencies (yaml) come from npm's cache when there; the @pulumi/* peers are the
        // repository's, linked in, so the install stays fast and needs no network on a prepared machine.
        await run(
            "npm",
            ["install", "--prefer-offline", "--legacy-peer-deps", "--ignore-scripts", "--no-audit", "--no-fund", "--no-package-lock"],
            consumer,
        );
        for (const linked of [...PEERS, "@types/node"]) {
            mkdirSync(dirname(join(consumer, "node_modules", linked)), { recursive: true });
            symlinkSync(join(REPO_DIR, "node_modules", linked), join(consumer, "node_modules", linked), "dir");
        }
    });

    after(() => rmSync(scratch, { recursive: true, force: true }));

    it("ships compiled JavaScript with declarations, the docs and the license, and no sources or tests", () => {
        const paths = packed.files.map((file) => file.path);
        for (const expected of ["bin/components/index.js", "bin/components/index.d.ts", "bin/components/render/evaluateProgram.js"]) {
            assert.ok(paths.includes(expected), expected);
        }
        for (const expected of ["package.json", "README.md", "LICENSE", "CHANGELOG.md"]) assert.ok(paths.includes(expected), expected);
        const unexpected = paths.filter((path) => /\.map$|^tests\/|^components\/|^examples\/|node_modules|(?<!\.d)\.ts$/.test(path));
        assert.deepEqual(unexpected, []);
    });

    it("declares @pulumi/* as peers, what it runs on as dependencies, and an engines range", () => {
        const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as Record<string, Record<string, string>>;
        assert.deepEqual(Object.keys(manifest.peerDependencies).sort(), PEERS);
        assert.ok(Object.keys(manifest.dependencies).includes("yaml"));
        assert.deepEqual(
            Object.keys(manifest.dependencies).filter((dependency) => dependency.startsWith("@pulumi/")),
            [],
        );
        assert.match(String(manifest.version), /^\d+\.\d+\.\d+(-[\w.]+)?$/);
        assert.ok(manifest.engines.node);
    });

    it("compiles a consumer against its types and gives the consumer's provider to every Kubernetes object", async () => {
        await run(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", consumer], consumer);
        const { registered } = JSON.parse(await run(process.execPath, [join(consumer, "out", "run.js")], consumer)) as {
            registered: Registered[];
        };
        assert.equal(registered.filter((resource) => resource.type === "abcdesktop:index:Abcdesktop").length, 2);
        for (const instance of ["via-providers-", "via-provider-"]) {
            const children = registered.filter((r) => r.type.startsWith("kubernetes:") && r.name.startsWith(instance));
            assert.ok(children.length > 20, `${instance}: only ${children.length} Kubernetes objects`);
            for (const child of children) {
                assert.match(child.provider ?? "", /::pulumi:providers:kubernetes::consumer::/, `${child.type} ${child.name}`);
            }
        }
    });

    it("survives a consumer's unit test with Pulumi's plain mocks, where no provider computes keys", async () => {
        const result = JSON.parse(await run(process.execPath, [join(consumer, "out", "plainMocks.js")], consumer)) as {
            urls: string[];
            failures: string[];
        };
        assert.deepEqual(result.failures, []);
        assert.deepEqual(result.urls, ["http://localhost:30443/", "http://localhost:30444/"]);
    });

    it("gives consumers mocks that answer its providers, in five lines (@abcdesktop/abcdesktop/testing)", async () => {
        const result = JSON.parse(await run(process.execPath, [join(consumer, "out", "helperMocks.js")], consumer)) as {
            registered: number;
            payloadKeyIsPkcs1: boolean;
        };
        assert.ok(result.registered > 60, `${result.registered} registrations`);
        assert.equal(result.payloadKeyIsPkcs1, true, "real keys, converted as the component converts them");
    });
});
