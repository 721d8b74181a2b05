// Helm 3 with a chart made of the rendered objects: `--wait` is Helm's readiness (workloads ready, claims bound;
// it polls every 2 s and does not look at endpoints). The release's own record lives in namespace `default`, so
// that the chart can create namespace `abcdesktop` itself as Pulumi does.
import { join } from "node:path";
import { toolchainBin } from "../../tests/e2e/toolchain";
import { Manifests } from "./manifests";
import { run } from "./run";

const RELEASE = "abcdesktop";
const FLAGS = ["--namespace", "default", "--wait", "--timeout", "10m"];

export interface HelmTool {
    install(manifests: Manifests): Promise<number>;
    upgrade(manifests: Manifests): Promise<number>;
    uninstall(): Promise<number>;
}

export function helmTool(kubeconfig: string, home: string): HelmTool {
    // Helm's caches and settings under the benchmark's folder, not the user's.
    const env = {
        ...process.env,
        KUBECONFIG: kubeconfig,
        HELM_CACHE_HOME: join(home, "cache"),
        HELM_CONFIG_HOME: join(home, "config"),
        HELM_DATA_HOME: join(home, "data"),
    };
    const helm = async (args: string[]) => (await run(join(toolchainBin(), "helm"), args, { env })).wallMs;
    return {
        install: (manifests) => helm(["install", RELEASE, manifests.chart, ...FLAGS]),
        upgrade: (manifests) => helm(["upgrade", RELEASE, manifests.chart, ...FLAGS]),
        uninstall: () => helm(["uninstall", RELEASE, ...FLAGS]),
    };
}
