import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** Where scripts/e2e-toolchain.sh puts the engine, providers and control plane it builds from the Go module proxy. */
export function toolchainBin(): string {
    return join(process.env.ABCDESKTOP_E2E_CACHE ?? join(homedir(), ".cache", "abcdesktop-e2e"), "bin");
}

/**
 * What the suites' Automation API inline programs need. The language hosts the script also builds
 * (`pulumi-language-nodejs`, `-python`, `-yaml`, for programs and plugins run through the CLI) are not among them.
 */
export const ENGINE_BINARIES = ["pulumi", "pulumi-resource-kubernetes", "pulumi-resource-tls", "pulumi-resource-random"];

/** What a local Kubernetes cluster needs besides etcd. */
export const CLUSTER_BINARIES = ["kube-apiserver", "kube-controller-manager", "kube-scheduler", "kubectl", "kwok"];

/** The given binaries missing from the toolchain folder. */
export function missingBinaries(names: string[]): string[] {
    return names.filter((name) => !existsSync(join(toolchainBin(), name)));
}

/**
 * The etcd to run: the toolchain's v3.6 (`--only etcd-v3.6`) when built, else Debian's etcd-server on PATH. With
 * Debian's 3.4.23 the API server cannot serve watch streams, and kwok saw new pods 1-36 s late.
 */
export function etcdCommand(): string {
    const built = join(toolchainBin(), "etcd");
    return existsSync(built) ? built : "etcd";
}

/** Whether an etcd is there to run (etcdCommand). */
export function etcdInstalled(): boolean {
    return spawnSync(etcdCommand(), ["--version"]).status === 0;
}
