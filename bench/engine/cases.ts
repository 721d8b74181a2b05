// The measured cases as the report shows them: what users wait for, side by side per tool, and the ratios the issue
// sets targets for.

/** Row label and the case id per column (pulumi, kubectl, helm, the engine's floor); undefined: not measured. */
export const MATRIX: { label: string; ids: (string | undefined)[] }[] = [
    { label: "from empty to ready", ids: ["up.pulumi", "up.kubectl", "up.helm", "floor.up"] },
    { label: "nothing changed: preview / diff", ids: ["noop.pulumiPreview", "noop.kubectlDiff", undefined, "floor.preview"] },
    { label: "nothing changed: apply", ids: ["noop.pulumiUp", undefined, "noop.helmUpgrade", "floor.noopUp"] },
    { label: "NodePort changed", ids: ["nodePort.pulumi", "nodePort.kubectl", "nodePort.helm", undefined] },
    { label: "image tag changed (speedtest)", ids: ["tag.pulumi", "tag.kubectl", "tag.helm", undefined] },
    { label: "teardown", ids: ["destroy.pulumi", "destroy.kubectl", "destroy.helm", "floor.destroy"] },
];

export const MATRIX_COLUMNS = [
    "`pulumi up` / `preview` / `destroy`",
    "`kubectl apply --server-side` + waits / `diff` / `delete --wait`",
    "`helm install` / `upgrade` / `uninstall`, `--wait`",
    "engine floor: 1 Namespace",
];

export interface RatioRow {
    label: string;
    numerator: string;
    denominator: string;
    /** The target for this ratio, if it sets one. */
    target?: number;
}

export const RATIOS: RatioRow[] = [
    { label: "up from empty / `helm install --wait`", numerator: "up.pulumi", denominator: "up.helm", target: 1.2 },
    { label: "up from empty / `kubectl apply` + waits", numerator: "up.pulumi", denominator: "up.kubectl" },
    { label: "up from empty / floor's up", numerator: "up.pulumi", denominator: "floor.up" },
    { label: "no-op preview / floor's no-op preview", numerator: "noop.pulumiPreview", denominator: "floor.preview", target: 1.5 },
    { label: "no-op preview / `kubectl diff --server-side`", numerator: "noop.pulumiPreview", denominator: "noop.kubectlDiff" },
    { label: "no-op up / no-op `helm upgrade --wait`", numerator: "noop.pulumiUp", denominator: "noop.helmUpgrade" },
    { label: "no-op up / floor's no-op up", numerator: "noop.pulumiUp", denominator: "floor.noopUp" },
    { label: "NodePort: up / `helm upgrade --wait`", numerator: "nodePort.pulumi", denominator: "nodePort.helm" },
    { label: "NodePort: up / `kubectl apply` + waits", numerator: "nodePort.pulumi", denominator: "nodePort.kubectl" },
    { label: "image tag: up / `helm upgrade --wait`", numerator: "tag.pulumi", denominator: "tag.helm" },
    { label: "image tag: up / `kubectl apply` + waits", numerator: "tag.pulumi", denominator: "tag.kubectl" },
    { label: "destroy / `helm uninstall --wait`", numerator: "destroy.pulumi", denominator: "destroy.helm", target: 1.5 },
    { label: "destroy / `kubectl delete --wait`", numerator: "destroy.pulumi", denominator: "destroy.kubectl" },
    { label: "destroy / floor's destroy", numerator: "destroy.pulumi", denominator: "floor.destroy" },
];

/** One thing changed on the dev stack, against the same operation unchanged. */
export const WHAT_IFS: { label: string; id: string; baseline: string }[] = [
    { label: "up from empty, `--skip-preview`", id: "whatIf.upSkipPreview", baseline: "up.pulumi" },
    { label: "up from empty, `PULUMI_PARALLEL=64`", id: "whatIf.upParallel64", baseline: "up.pulumi" },
    { label: "no-op preview, `PULUMI_NODEJS_TRANSPILE_ONLY=true`", id: "whatIf.previewTranspileOnly", baseline: "noop.pulumiPreview" },
    { label: "destroy, `--skip-preview`", id: "whatIf.destroySkipPreview", baseline: "destroy.pulumi" },
    { label: "destroy, `PULUMI_PARALLEL=64`", id: "whatIf.destroyParallel64", baseline: "destroy.pulumi" },
    { label: "4 instances: up from empty, `PULUMI_PARALLEL=64`", id: "whatIf.growth4UpParallel64", baseline: "growth4.up" },
    { label: "4 instances: destroy, `PULUMI_PARALLEL=64`", id: "whatIf.growth4DestroyParallel64", baseline: "growth4.destroy" },
];

/** Processes of a Pulumi operation, by executable, in the order the memory table shows them. */
export const PROCESS_ROLES: { name: string; label: string }[] = [
    { name: "pulumi", label: "`pulumi` (CLI and engine)" },
    { name: "pulumi-language-nodejs", label: "`pulumi-language-nodejs` (ours, forwards to v3.68)" },
    { name: "pulumi-language-nodejs-v3.68", label: "`pulumi-language-nodejs-v3.68`" },
    { name: "node run/index.js", label: "`node run/index.js` (the program: @pulumi/pulumi's cmd/run, ts-node)" },
    { name: "pulumi-resource-kubernetes", label: "`pulumi-resource-kubernetes`" },
    { name: "pulumi-resource-tls", label: "`pulumi-resource-tls`" },
    { name: "pulumi-resource-random", label: "`pulumi-resource-random`" },
];
