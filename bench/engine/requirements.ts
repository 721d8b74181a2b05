// What `npm run bench:engine` needs from scripts/e2e-toolchain.sh, checked before anything starts, so that a missing
// binary is named with the step that builds it instead of failing half-way through a 30-minute run.
import { CLUSTER_BINARIES, ENGINE_BINARIES, etcdCommand, etcdInstalled, missingBinaries, toolchainBin } from "../../tests/e2e/toolchain";

/** Binaries of the toolchain folder and the `--only` step that builds each. */
const STEPS: Record<string, string> = {
    pulumi: "pulumi",
    "pulumi-resource-kubernetes": "kubernetes",
    "pulumi-resource-tls": "tls",
    "pulumi-resource-random": "random",
    // The program runs through the CLI, as users run it, so the nodejs language host (ours and upstream's v3.68).
    "pulumi-language-nodejs": "language-nodejs",
    "pulumi-language-nodejs-v3.68": "language-nodejs",
    "kube-apiserver": "cluster",
    "kube-controller-manager": "cluster",
    "kube-scheduler": "cluster",
    kubectl: "cluster",
    kwok: "kwok",
    helm: "helm",
};

const NEEDED = [...ENGINE_BINARIES, "pulumi-language-nodejs", "pulumi-language-nodejs-v3.68", ...CLUSTER_BINARIES, "helm"];

/** What is missing, one line each with the command that builds it; empty when everything is there. */
export function missingRequirements(): string[] {
    const missing = missingBinaries(NEEDED).map((name) => `${name}: bash scripts/e2e-toolchain.sh --only ${STEPS[name]}`);
    if (!etcdInstalled()) missing.push("etcd: bash scripts/e2e-toolchain.sh --only etcd-v3.6");
    return missing;
}

/** Where the binaries are looked for, for the message. */
export const TOOLCHAIN_BIN = toolchainBin();

/**
 * Said before a run that would measure the cluster more than the tools: with Debian's etcd 3.4 (no bin/etcd), kwok
 * sees new pods seconds late (scripts/e2e-toolchain/README.md, "The local cluster").
 */
export function etcdWarning(): string | undefined {
    return etcdCommand() === "etcd"
        ? "etcd is Debian's (no bin/etcd): kwok will see pods 1-36 s late and every readiness wait will show it; build bin/etcd with bash scripts/e2e-toolchain.sh --only etcd-v3.6"
        : undefined;
}
