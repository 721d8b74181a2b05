// Everything the rounds run against, made once: the local cluster with its disks, the three renders kubectl and Helm
// apply, and the three Pulumi project copies (the dev stack's program, the floor, the growth program).
import { join } from "node:path";
import { LocalCluster, startLocalCluster } from "../../tests/e2e/localCluster";
import { helmTool, HelmTool } from "./helmTool";
import { kubectlTool, KubectlTool } from "./kubectlTool";
import { CHANGES, RenderedStages } from "./lifecycles";
import { renderManifests } from "./manifests";
import { createPulumiProject, PulumiProject } from "./pulumiProject";
import { createDisks, resetCluster } from "./volumes";

/**
 * Like with like on teardown: by default `pulumi destroy` keeps the namespace and MongoDB's claim, which kubectl
 * and Helm would delete; the benchmark's stacks and renders turn that off, so every tool deletes the same objects.
 */
export const BENCH_SETTINGS: Record<string, string> = { retainDataOnDestroy: "false" };

export interface BenchEnvironment {
    cluster: LocalCluster;
    stages: RenderedStages;
    kubectl: KubectlTool;
    helm: HelmTool;
    dev: PulumiProject;
    floor: PulumiProject;
    growth: PulumiProject;
    /** Back to an empty cluster with free disks (untimed, before every lifecycle). */
    reset(): Promise<void>;
}

export async function setUp(root: string, maxInstances: number, log: (text: string) => void): Promise<BenchEnvironment> {
    log("starting the local cluster");
    const cluster = await startLocalCluster(join(root, "cluster"));
    try {
        createDisks(cluster, maxInstances);
        log("rendering the dev stack's objects for kubectl and Helm (npm run render -- --show-secrets)");
        const [nodePortKey, nodePort] = CHANGES.nodePort;
        const [tagKey, tag] = CHANGES.tag;
        const stages = {
            base: await renderManifests(join(root, "render-base"), BENCH_SETTINGS),
            nodePort: await renderManifests(join(root, "render-nodeport"), { ...BENCH_SETTINGS, [nodePortKey]: nodePort }),
            tag: await renderManifests(join(root, "render-tag"), { ...BENCH_SETTINGS, [nodePortKey]: nodePort, [tagKey]: tag }),
        };
        log("copying the project for the CLI");
        const home = join(root, "pulumi-home");
        const project = async (name: string, program: string, settings: Record<string, string>) => {
            const p = await createPulumiProject(root, name, program, cluster.kubeconfig, home);
            for (const [key, value] of Object.entries(settings)) await p.setConfig(key, value);
            return p;
        };
        return {
            cluster,
            stages,
            kubectl: kubectlTool(cluster.kubeconfig),
            helm: helmTool(cluster.kubeconfig, join(root, "helm")),
            dev: await project("dev", "index.ts", BENCH_SETTINGS),
            floor: await project("floor", "bench/programs/floor.ts", {}),
            growth: await project("growth", "bench/programs/instances.ts", BENCH_SETTINGS),
            reset: () => resetCluster(cluster, /^(abcdesktop|floor-)/),
        };
    } catch (error) {
        await cluster.stop();
        throw error;
    }
}
