// A copy of a Pulumi project folder driven through the `pulumi` command line, the way README tells users: the
// toolchain's engine, providers and language hosts on PATH, `pulumi login --local` under a HOME of its own, the
// cluster through KUBECONFIG as a kubectl context would be.
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { toolchainBin } from "./toolchain";

export const REPO_DIR = join(__dirname, "..", "..");

/** What a CLI command printed and how it ended. */
export interface CliResult {
    code: number;
    stdout: string;
    stderr: string;
}

/** One step of a `pulumi preview --json`. */
export interface PreviewStep {
    op: string;
    urn: string;
}

export interface CliProject {
    /** The project folder. */
    readonly dir: string;
    /** The environment every command gets. */
    readonly env: NodeJS.ProcessEnv;
    /** Runs `pulumi <args>` in the project folder; rejects with the output unless it exits 0 (or `allowFailure`). */
    pulumi(args: string[], options?: { allowFailure?: boolean; stdin?: string }): Promise<CliResult>;
    /** Starts `pulumi <args>` and returns the process, for tests that interrupt it. */
    start(args: string[]): ChildProcess;
    /** Runs a shell command line in the project folder, as a user would type it. */
    shell(commandLine: string, options?: { allowFailure?: boolean }): Promise<CliResult>;
    /** The steps a preview of the stack would take that change something, as `op type name`. */
    changes(stack: string, extraArgs?: string[]): Promise<string[]>;
    /** The stack's outputs. */
    outputs(stack: string): Promise<Record<string, unknown>>;
    /** The stack's state, as `pulumi stack export` gives it. */
    state(stack: string): Promise<{ resources?: StateResource[] }>;
}

export interface StateResource {
    urn: string;
    type: string;
    id?: string;
    outputs?: { kind?: string; metadata?: { name: string; namespace?: string; uid?: string } };
}

/** Copies the repository's files (committed and new, not ignored) into `dir`, with the repository's node_modules. */
export function copyRepository(dir: string, sourceDir = REPO_DIR): void {
    mkdirSync(dir, { recursive: true });
    const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], {
        cwd: sourceDir,
        encoding: "utf8",
    })
        .split("\0")
        .filter(Boolean);
    const archive = execFileSync("tar", ["-c", "--null", "--ignore-failed-read", "-T", "-", "-f", "-"], {
        cwd: sourceDir,
        input: files.join("\0"),
        maxBuffer: 512 * 1024 * 1024,
        stdio: ["pipe", "pipe", "ignore"],
    });
    execFileSync("tar", ["-x", "-f", "-"], { cwd: dir, input: archive });
    symlinkSync(join(sourceDir, "node_modules"), join(dir, "node_modules"));
}

/** The files of the repository at `commit`, with today's node_modules (a superset of what older commits need). */
export function checkoutCommit(dir: string, commit: string): void {
    mkdirSync(dir, { recursive: true });
    const archive = execFileSync("git", ["archive", "--format=tar", commit], { cwd: REPO_DIR, maxBuffer: 512 * 1024 * 1024 });
    execFileSync("tar", ["-x", "-f", "-"], { cwd: dir, input: archive });
    symlinkSync(join(REPO_DIR, "node_modules"), join(dir, "node_modules"));
}

/**
 * Drives the project in `dir`, with state, plugins and credentials under `home`. `pulumi login --local` means the
 * user's real home (`file://~` is resolved from the password database, not $HOME), so the suites keep README's login
 * but point the backend and Pulumi's home at their own folders with the variables Pulumi documents for that:
 * PULUMI_BACKEND_URL overrides the logged-in backend.
 */
export function cliProject(dir: string, home: string, kubeconfig: string): CliProject {
    mkdirSync(join(home, "state"), { recursive: true });
    const env: NodeJS.ProcessEnv = {
        PATH: `${toolchainBin()}:${process.env.PATH ?? ""}`,
        HOME: home,
        PULUMI_HOME: join(home, ".pulumi"),
        PULUMI_BACKEND_URL: `file://${join(home, "state")}`,
        KUBECONFIG: kubeconfig,
        PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        // A user's terminal shows progress; in a test, colour codes would only get in the way of reading it.
        PULUMI_DISABLE_COLOR: "true",
        NO_COLOR: "1",
    };
    const run = (command: string, args: string[], options: { allowFailure?: boolean; stdin?: string } = {}) =>
        new Promise<CliResult>((resolve, reject) => {
            const child = spawn(command, args, { cwd: dir, env, stdio: ["pipe", "pipe", "pipe"] });
            let stdout = "";
            let stderr = "";
            child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
            child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
            child.stdin.end(options.stdin ?? "");
            child.on("error", reject);
            child.on("close", (code, signal) => {
                const result = { code: code ?? (signal ? 128 : 1), stdout, stderr };
                if (result.code !== 0 && !options.allowFailure) {
                    reject(
                        new Error(
                            `${command} ${args.join(" ")} exited ${result.code}${signal ? ` (${signal})` : ""}:\n${stdout}\n${stderr}`,
                        ),
                    );
                } else {
                    resolve(result);
                }
            });
        });
    const project: CliProject = {
        dir,
        env,
        pulumi: (args, options) => run("pulumi", args, options),
        start: (args) => spawn("pulumi", args, { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] }),
        shell: (commandLine, options) => run("bash", ["-c", commandLine], options),
        async changes(stack, extraArgs = []) {
            const { stdout } = await project.pulumi(["preview", "--json", "--stack", stack, ...extraArgs]);
            const steps = ((JSON.parse(stdout) as { steps?: PreviewStep[] }).steps ?? []).filter((step) => step.op !== "same");
            return steps.map((step) => `${step.op} ${step.urn.split("::")[2].split("$").pop()} ${step.urn.split("::").pop()}`).sort();
        },
        async outputs(stack) {
            return JSON.parse((await project.pulumi(["stack", "output", "--json", "--stack", stack])).stdout) as Record<string, unknown>;
        },
        async state(stack) {
            const exported = JSON.parse((await project.pulumi(["stack", "export", "--stack", stack])).stdout) as {
                deployment: { resources?: StateResource[] };
            };
            return exported.deployment;
        },
    };
    return project;
}

/** `Kind/namespace/name` of every Kubernetes object in a stack's state. */
export function stateObjects(state: { resources?: StateResource[] }): string[] {
    return (state.resources ?? [])
        .filter((r) => r.type.startsWith("kubernetes:") && r.outputs?.metadata)
        .map((r) => `${r.outputs!.kind}/${r.outputs!.metadata!.namespace ?? ""}/${r.outputs!.metadata!.name}`)
        .sort();
}
