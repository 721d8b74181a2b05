// A copy of the project folder, run through the Pulumi CLI as a user runs it (`pulumi up` in the folder; the engine
// starts the nodejs language host, which runs the TypeScript program), with a file backend of its own.
import { cpSync, mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { toolchainBin } from "../../tests/e2e/toolchain";
import { REPO_ROOT } from "../paths";
import { run, RunOptions, RunResult } from "./run";

/** What a user's clone holds that `pulumi up` reads: the project, the dev stack's settings, the program and its code. */
const PROJECT_FILES = ["Pulumi.yaml", "Pulumi.dev.yaml", "index.ts", "package.json", "tsconfig.json", "components", "bench/programs"];

export interface PulumiOperationOptions {
    /** Extra CLI flags (`--skip-preview`, `--expect-no-changes`, `--otel-traces file://...`). */
    flags?: string[];
    /** Extra environment (`BENCH_COUNT`, `PULUMI_NODEJS_TRANSPILE_ONLY`...). */
    env?: Record<string, string>;
    sampleEveryMs?: number;
}

export interface PulumiProject {
    readonly dir: string;
    /** `pulumi config set [--path] key value` on the dev stack. */
    setConfig(key: string, value: string): Promise<void>;
    removeConfig(key: string): Promise<void>;
    up(options?: PulumiOperationOptions): Promise<RunResult>;
    preview(options?: PulumiOperationOptions): Promise<RunResult>;
    destroy(options?: PulumiOperationOptions): Promise<RunResult>;
}

/**
 * Copies the project into `root/<name>` with `main` pointing at `program` (index.ts, or one of bench/programs), and
 * selects its dev stack with the cluster's kubeconfig. Every project shares `pulumiHome` (the plugin cache) but has
 * its own state folder.
 */
export async function createPulumiProject(
    root: string,
    name: string,
    program: string,
    kubeconfig: string,
    pulumiHome: string,
): Promise<PulumiProject> {
    const dir = join(root, name);
    const state = join(root, `${name}-state`);
    mkdirSync(state, { recursive: true });
    for (const file of PROJECT_FILES) cpSync(join(REPO_ROOT, file), join(dir, file), { recursive: true });
    symlinkSync(realpathSync(join(REPO_ROOT, "node_modules")), join(dir, "node_modules"));
    const projectFile = join(dir, "Pulumi.yaml");
    writeFileSync(projectFile, readFileSync(projectFile, "utf8").replace(/^main: .*$/m, `main: ${program}`));

    const bin = toolchainBin();
    const env: NodeJS.ProcessEnv = {
        ...process.env,
        PATH: `${bin}:${process.env.PATH ?? ""}`,
        PULUMI_HOME: pulumiHome,
        PULUMI_BACKEND_URL: `file://${state}`,
        PULUMI_CONFIG_PASSPHRASE: "bench-passphrase",
        PULUMI_SKIP_UPDATE_CHECK: "true",
    };
    const pulumi = (args: string[], options: RunOptions = {}) => run(join(bin, "pulumi"), args, { cwd: dir, env, ...options });
    const operation =
        (command: string[]) =>
        (options: PulumiOperationOptions = {}) =>
            pulumi([...command, ...(options.flags ?? [])], { env: { ...env, ...options.env }, sampleEveryMs: options.sampleEveryMs });

    await pulumi(["stack", "select", "--create", "dev"]);
    await pulumi(["config", "set", "kubernetes:kubeconfig", kubeconfig]);
    return {
        dir,
        setConfig: async (key, value) => void (await pulumi(["config", "set", "--path", key, value])),
        removeConfig: async (key) => void (await pulumi(["config", "rm", "--path", key])),
        up: operation(["up", "--yes"]),
        preview: operation(["preview"]),
        destroy: operation(["destroy", "--yes"]),
    };
}
