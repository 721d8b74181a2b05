// A Pulumi project folder, local backend and stacks on the engine built by scripts/e2e-toolchain.sh. The program
// runs as an Automation API inline program: the engine's nodejs language host cannot be built here (see the
// toolchain README), and the inline program is the same `abcdesktopProgram()` that index.ts exports.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigMap, EngineEvent, LocalWorkspace, PulumiCommand, PulumiFn, Stack } from "@pulumi/pulumi/automation";
import { abcdesktopProgram } from "../../components/program/program";
import { ENGINE_BINARIES, missingBinaries, toolchainBin } from "./toolchain";

const PROJECT_DIR = join(__dirname, "..", "..");
const PROJECT = "abcdesktop";

export interface E2eWorkspace {
    /** A temporary folder for this suite's files; removed by `dispose`. */
    readonly root: string;
    /**
     * Creates or selects a stack of the project, with the given stack config set the way a user would. The program
     * is the project's own unless another (a consumer's program, say) is given.
     */
    openStack(name: string, config?: ConfigMap, program?: PulumiFn): Promise<Stack>;
    /** Runs the `pulumi` command line in the project folder; returns stdout. */
    pulumiCli(args: string[]): string;
    dispose(): void;
}

/** A copy of the project's Pulumi.yaml and stack files in a temporary folder, with a file backend of its own. */
export function createE2eWorkspace(): E2eWorkspace {
    assert.deepEqual(
        missingBinaries(ENGINE_BINARIES),
        [],
        `the toolchain is not built: run scripts/e2e-toolchain.sh (missing in ${toolchainBin()})`,
    );
    const root = mkdtempSync(join(tmpdir(), "abcdesktop-e2e-"));
    const workDir = join(root, "project");
    mkdirSync(workDir, { recursive: true });
    mkdirSync(join(root, "state"), { recursive: true });
    for (const file of ["Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml"]) {
        copyFileSync(join(PROJECT_DIR, file), join(workDir, file));
    }
    const env: Record<string, string> = {
        PATH: `${toolchainBin()}:${process.env.PATH ?? ""}`,
        PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_HOME: join(root, "pulumi-home"),
        PULUMI_BACKEND_URL: `file://${join(root, "state")}`,
    };
    return {
        root,
        async openStack(name, config = {}, program = async () => abcdesktopProgram()) {
            const pulumiCommand = await PulumiCommand.get({ root: join(toolchainBin(), "..") });
            const stack = await LocalWorkspace.createOrSelectStack(
                { projectName: PROJECT, stackName: name, program },
                { workDir, envVars: env, pulumiCommand },
            );
            if (Object.keys(config).length > 0) await stack.setAllConfig(config, true);
            return stack;
        },
        pulumiCli: (args) =>
            execFileSync(join(toolchainBin(), "pulumi"), args, {
                cwd: workDir,
                env: { ...process.env, ...env },
                encoding: "utf8",
                maxBuffer: 64 * 1024 * 1024,
            }),
        dispose: () => rmSync(root, { recursive: true, force: true }),
    };
}

/** An `onEvent` for preview/up and the steps it saw that change something, as `op type name`. */
export function changedSteps(): { onEvent: (event: EngineEvent) => void; changed: string[] } {
    const changed: string[] = [];
    const onEvent = (event: EngineEvent) => {
        const step = event.resourcePreEvent?.metadata;
        if (step && step.op !== "same") changed.push(`${step.op} ${step.type} ${step.urn.split("::").pop()}`);
    };
    return { onEvent, changed };
}
