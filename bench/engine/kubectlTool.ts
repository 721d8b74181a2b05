// kubectl doing what `pulumi up` and `pulumi destroy` promise, with nothing more: server-side apply of the rendered
// objects, then the same readiness Pulumi awaits (every Deployment, DaemonSet and StatefulSet rolled out, every
// Service with a selector and a cluster IP backed by an address, every claim bound), and a delete that waits until the
// objects are gone.
import { join } from "node:path";
import { toolchainBin } from "../../tests/e2e/toolchain";
import { claims, Manifests, namespaceOf, servedEndpoints, workloads } from "./manifests";
import { run, RunResult } from "./run";

const TIMEOUT = "--timeout=600s";

export interface KubectlTool {
    /** Apply, then wait for readiness: the four commands timed as one. */
    applyAndWait(manifests: Manifests): Promise<number>;
    /** `kubectl diff --server-side`; `changed` when it found a difference (exit code 1). */
    diff(manifests: Manifests): Promise<{ wallMs: number; changed: boolean }>;
    deleteAndWait(manifests: Manifests): Promise<number>;
}

export function kubectlTool(kubeconfig: string): KubectlTool {
    const kubectl = (args: string[], okCodes?: number[]): Promise<RunResult> =>
        run(join(toolchainBin(), "kubectl"), [`--kubeconfig=${kubeconfig}`, ...args], { okCodes });
    return {
        async applyAndWait(manifests) {
            const namespace = namespaceOf(manifests.objects);
            // One kubectl per kind of wait, over all objects of that kind; a kind the render lacks costs nothing.
            const waitFor = async (args: string[], objects: string[]) =>
                objects.length === 0 ? 0 : (await kubectl([...args, "-n", namespace, TIMEOUT, ...objects])).wallMs;
            const apply = await kubectl(["apply", "--server-side", "-f", manifests.file]);
            return (
                apply.wallMs +
                (await waitFor(["rollout", "status"], workloads(manifests.objects))) +
                (await waitFor(["wait", "--for=jsonpath={.subsets[*].addresses[*].ip}"], servedEndpoints(manifests.objects))) +
                (await waitFor(["wait", "--for=jsonpath={.status.phase}=Bound"], claims(manifests.objects)))
            );
        },
        async diff(manifests) {
            const result = await kubectl(["diff", "--server-side", "-f", manifests.file], [1]);
            return { wallMs: result.wallMs, changed: result.code === 1 };
        },
        async deleteAndWait(manifests) {
            return (await kubectl(["delete", "--wait", TIMEOUT, "-f", manifests.file])).wallMs;
        },
    };
}
