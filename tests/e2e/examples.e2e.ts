// The component from every kind of program a user writes, deployed for real: the YAML and Python examples through
// the SDK `pulumi install` generates from the repository's source plugin (PulumiPlugin.yaml), `pulumi package add`
// into new programs as README shows it, and a TypeScript program that installs the packed npm tarball, with a
// transform of its own. Each is deployed onto the local cluster, checked with kubectl and destroyed.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parse, stringify } from "yaml";
import { CliProject, cliProject, REPO_DIR } from "./cliProject";
import { LocalCluster, startLocalCluster, waitFor } from "./localCluster";
import { toolchainBin } from "./toolchain";

/** The examples deploy into this namespace. */
const NAMESPACE = "desktops";
/** What every example's platform must have running. */
const WORKLOADS = [
    "DaemonSet/daemonset-nginx",
    "DaemonSet/daemonset-pyos",
    "Deployment/memcached-od",
    "Deployment/openldap-od",
    "Deployment/speedtest-od",
    "StatefulSet/mongodb-od",
];

/** Versions the component's SDKs ask for; the toolchain's binaries stand in for them (nothing is downloaded). */
const PROVIDER_PLUGINS = [
    ["kubernetes", "4.34.2", "pulumi-resource-kubernetes"],
    ["tls", "5.6.1", "pulumi-resource-tls"],
    ["random", "4.21.2", "pulumi-resource-random"],
] as const;

describe("the component from YAML, Python and a TypeScript consumer of the npm package", { timeout: 60 * 60 * 1000 }, () => {
    let root: string;
    let cluster: LocalCluster;
    let repo: string;
    const project = (dir: string): CliProject => cliProject(dir, join(root, "home"), cluster.kubeconfig);

    /** Deploys the program in `dir`, checks the platform in NAMESPACE, destroys it and checks what is left. */
    const deployAndDestroy = async (program: CliProject, check?: () => void) => {
        await program.pulumi(["stack", "select", "--create", "dev"]);
        await program.pulumi(["up", "--yes"]).catch((error: unknown) => {
            throw new Error(`${String(error)}\n${cluster.logTails()}`);
        });
        const workloads = cluster.kubectlItems<{ kind: string; metadata: { name: string } }>([
            "get",
            "deployments,daemonsets,statefulsets",
            "-n",
            NAMESPACE,
        ]);
        assert.deepEqual(workloads.map((w) => `${w.kind}/${w.metadata.name}`).sort(), WORKLOADS);
        const outputs = await program.outputs("dev");
        assert.equal(outputs.url, "http://192.168.1.20:30443/");
        check?.();
        await program.pulumi(["destroy", "--yes"]);
        // What the component keeps of its data (namespace, MongoDB's claim and passwords) is removed by the test, so
        // that the next example starts from an empty namespace.
        cluster.kubectl(["delete", "namespace", NAMESPACE, "--wait=true", "--timeout=120s"]);
        await waitFor(
            `namespace ${NAMESPACE} gone`,
            () => !cluster.kubectl(["get", "namespaces", "-o", "name"]).includes(`namespace/${NAMESPACE}`),
            120_000,
            cluster.logTails,
        );
        // The administrator's disk is free again for the next example's MongoDB claim.
        cluster.kubectl([
            "patch",
            "persistentvolume",
            "e2e-examples-disk",
            "--type=json",
            "-p",
            '[{"op":"remove","path":"/spec/claimRef"}]',
        ]);
    };

    before(async () => {
        root = mkdtempSync(join(tmpdir(), "abcdesktop-examples-e2e-"));
        cluster = await startLocalCluster(join(root, "cluster"));
        cluster.provideDisk("e2e-examples-disk");
        // The plugin source: a copy of the repository. Its node_modules is a copy too: the CLI installs the plugin's
        // dependencies with npm, which must never write into the repository's own.
        repo = join(root, "repo");
        mkdirSync(repo);
        const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { cwd: REPO_DIR, encoding: "utf8" })
            .split("\n")
            .filter(Boolean);
        for (const file of files)
            cpSync(join(REPO_DIR, file), join(repo, file), { recursive: true, dereference: false, force: true, errorOnExist: false });
        cpSync(join(REPO_DIR, "node_modules"), join(repo, "node_modules"), { recursive: true, verbatimSymlinks: true });
        const installer = project(repo);
        await installer.pulumi(["login", "--local"]);
        for (const [name, version, binary] of PROVIDER_PLUGINS) {
            await installer.pulumi(["plugin", "install", "resource", name, version, "--file", join(toolchainBin(), binary)]);
        }
    });

    after(async () => {
        await cluster?.stop();
        if (root) rmSync(root, { recursive: true, force: true });
    });

    it("YAML: the example, as its README says (`pulumi install`, then up), runs the component through its plugin", async () => {
        const yaml = project(join(repo, "examples", "yaml"));
        await yaml.pulumi(["install"]);
        await deployAndDestroy(yaml);
    });

    it("Python: the example, as its README says, through the SDK generated into its virtualenv", async () => {
        const python = project(join(repo, "examples", "python"));
        await python.pulumi(["install"]);
        assert.ok(readdirSync(join(repo, "examples", "python", "sdks")).length > 0, "the SDK was generated");
        await deployAndDestroy(python);
    });

    it("`pulumi package add` of the repository into new YAML and Python programs records the package and generates the SDK", async () => {
        for (const [language, runtime] of [
            ["yaml", "yaml"],
            ["python", { name: "python", options: { toolchain: "pip", virtualenv: "venv" } }],
        ] as const) {
            const dir = join(root, `new-${language}-program`);
            mkdirSync(dir);
            writeFileSync(join(dir, "Pulumi.yaml"), stringify({ name: `new-${language}-program`, runtime }));
            if (language === "python") writeFileSync(join(dir, "requirements.txt"), "pulumi>=3.142.0,<4.0.0\n");
            const program = project(dir);
            const added = await program.pulumi(["package", "add", repo]);
            const packages =
                (parse(readFileSync(join(dir, "Pulumi.yaml"), "utf8")) as { packages?: Record<string, unknown> }).packages ?? {};
            assert.ok(Object.keys(packages).length === 1, `${language}: ${JSON.stringify(packages)}\n${added.stdout}`);
            if (language === "python") {
                assert.match(
                    added.stdout + added.stderr,
                    /import abcdesktop_abcdesktop as abcdesktop/,
                    "the CLI names the module README imports",
                );
                assert.match(readFileSync(join(dir, "requirements.txt"), "utf8"), /sdks\/abcdesktop/);
            }
        }
    });

    it("TypeScript: a program that installs the packed npm tarball deploys, and its transform reaches every object", async () => {
        const packed = (
            JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", root], { cwd: repo, encoding: "utf8" })) as {
                filename: string;
            }[]
        )[0];
        const dir = join(root, "typescript-consumer");
        mkdirSync(dir);
        const example = join(REPO_DIR, "examples", "typescript");
        for (const file of ["Pulumi.yaml", "Pulumi.dev.yaml", "tsconfig.json"]) cpSync(join(example, file), join(dir, file));
        cpSync(join(example, "index.ts"), join(dir, "example.ts"));
        // The consumer's own code: a stack transform registered before the example's resources.
        writeFileSync(
            join(dir, "index.ts"),
            [
                'import * as pulumi from "@pulumi/pulumi";',
                "pulumi.runtime.registerResourceTransform((args) => {",
                '    if (!args.type.startsWith("kubernetes:") || args.type.startsWith("pulumi:providers:")) return undefined;',
                "    const metadata = { ...(args.props.metadata ?? {}) };",
                '    metadata.labels = { ...(metadata.labels ?? {}), "consumer.example.com/transformed": "true" };',
                "    return { props: { ...args.props, metadata }, opts: args.opts };",
                "});",
                'export * from "./example";',
                "",
            ].join("\n"),
        );
        const manifest = JSON.parse(readFileSync(join(example, "package.json"), "utf8")) as { dependencies: Record<string, string> };
        manifest.dependencies["@abcdesktop/abcdesktop"] = `file:${join(root, packed.filename)}`;
        writeFileSync(join(dir, "package.json"), JSON.stringify(manifest, null, 2));
        execFileSync(
            "npm",
            [
                "install",
                "--prefer-offline",
                "--legacy-peer-deps",
                "--ignore-scripts",
                "--no-audit",
                "--no-fund",
                "--no-package-lock",
                "--omit=peer",
            ],
            { cwd: dir, stdio: "pipe" },
        );
        for (const linked of ["@pulumi/pulumi", "@pulumi/kubernetes", "@pulumi/random", "@pulumi/tls", "@types/node", "typescript"]) {
            rmSync(join(dir, "node_modules", linked), { recursive: true, force: true });
            mkdirSync(dirname(join(dir, "node_modules", linked)), { recursive: true });
            symlinkSync(join(REPO_DIR, "node_modules", linked), join(dir, "node_modules", linked), "dir");
        }
        await deployAndDestroy(project(dir), () => {
            const objects = cluster.kubectlItems<{
                kind: string;
                metadata: { name: string; labels?: Record<string, string>; managedFields?: { manager?: string }[] };
            }>([
                "get",
                "all,configmaps,secrets,serviceaccounts,roles,rolebindings,networkpolicies,persistentvolumeclaims",
                "-n",
                NAMESPACE,
                "--show-managed-fields",
            ]);
            const ours = objects.filter((o) => o.metadata.managedFields?.some((f) => f.manager?.startsWith("pulumi-kubernetes")));
            assert.ok(ours.length > 25, `only ${ours.length} objects of ours`);
            const untransformed = ours
                .filter((o) => o.metadata.labels?.["consumer.example.com/transformed"] !== "true")
                .map((o) => `${o.kind}/${o.metadata.name}`);
            assert.deepEqual(untransformed, []);
        });
    });
});
