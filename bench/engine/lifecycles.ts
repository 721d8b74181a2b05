// One lifecycle per tool: from an empty cluster to ready, nothing changed, one setting changed (the NodePort, then an
// image tag), and back to empty. Every lifecycle leaves the cluster as it found it, so that the rounds can run them
// in any order, and records its measurements under case ids the report knows (cases.ts).
import { HelmTool } from "./helmTool";
import { KubectlTool } from "./kubectlTool";
import { Manifests } from "./manifests";
import { PulumiProject } from "./pulumiProject";
import { Samples } from "./samples";

/** The two changed settings, as `pulumi config set --path` takes them; the renders for kubectl and Helm use the same. */
export const CHANGES = { nodePort: ["exposure.nodePort", "30500"], tag: ["speedtest.image.tag", "1.1"] } as const;

/** Every 100 ms, as the issue asks; the sampler's own cost is reported with the figures. */
export const SAMPLE_EVERY_MS = 100;

export interface Lifecycle {
    readonly name: string;
    run(samples: Samples): Promise<void>;
}

/** The renders kubectl and Helm apply: as the stack starts, after the NodePort change, after both changes. */
export interface RenderedStages {
    base: Manifests;
    nodePort: Manifests;
    tag: Manifests;
}

export function pulumiLifecycle(project: PulumiProject): Lifecycle {
    return {
        name: "pulumi",
        async run(samples) {
            const up = await project.up({ sampleEveryMs: SAMPLE_EVERY_MS });
            samples.time("up.pulumi", up.wallMs);
            samples.peaks("up.pulumi", up.peaks!);
            samples.time("noop.pulumiPreview", (await project.preview({ flags: ["--expect-no-changes"] })).wallMs);
            samples.time("noop.pulumiUp", (await project.up({ flags: ["--expect-no-changes"] })).wallMs);
            await project.setConfig(...CHANGES.nodePort);
            samples.time("nodePort.pulumi", (await project.up()).wallMs);
            await project.setConfig(...CHANGES.tag);
            samples.time("tag.pulumi", (await project.up()).wallMs);
            samples.time("destroy.pulumi", (await project.destroy()).wallMs);
            await project.removeConfig(CHANGES.nodePort[0]);
            await project.removeConfig(CHANGES.tag[0]);
        },
    };
}

export function kubectlLifecycle(kubectl: KubectlTool, stages: RenderedStages): Lifecycle {
    return {
        name: "kubectl",
        async run(samples) {
            samples.time("up.kubectl", await kubectl.applyAndWait(stages.base));
            const diff = await kubectl.diff(stages.base);
            samples.time("noop.kubectlDiff", diff.wallMs);
            if (diff.changed) samples.note("`kubectl diff --server-side` reported a difference on the no-op (exit code 1).");
            samples.time("nodePort.kubectl", await kubectl.applyAndWait(stages.nodePort));
            samples.time("tag.kubectl", await kubectl.applyAndWait(stages.tag));
            samples.time("destroy.kubectl", await kubectl.deleteAndWait(stages.tag));
        },
    };
}

export function helmLifecycle(helm: HelmTool, stages: RenderedStages): Lifecycle {
    return {
        name: "helm",
        async run(samples) {
            samples.time("up.helm", await helm.install(stages.base));
            samples.time("noop.helmUpgrade", await helm.upgrade(stages.base));
            samples.time("nodePort.helm", await helm.upgrade(stages.nodePort));
            samples.time("tag.helm", await helm.upgrade(stages.tag));
            samples.time("destroy.helm", await helm.uninstall());
        },
    };
}

/** The engine's floor: one Namespace (bench/programs/floor.ts, which loads the same four SDK packages). */
export function floorLifecycle(project: PulumiProject): Lifecycle {
    return {
        name: "floor",
        async run(samples) {
            const up = await project.up({ sampleEveryMs: SAMPLE_EVERY_MS });
            samples.time("floor.up", up.wallMs);
            samples.peaks("floor.up", up.peaks!);
            samples.time("floor.preview", (await project.preview({ flags: ["--expect-no-changes"] })).wallMs);
            samples.time("floor.noopUp", (await project.up({ flags: ["--expect-no-changes"] })).wallMs);
            samples.time("floor.destroy", (await project.destroy()).wallMs);
        },
    };
}

/** `count` Abcdesktop instances in one stack (bench/programs/instances.ts: own namespace and NodePort each). */
export function growthLifecycle(project: PulumiProject, count: number): Lifecycle {
    const env = { BENCH_COUNT: String(count) };
    return {
        name: `growth ${count}`,
        async run(samples) {
            const up = await project.up({ env, sampleEveryMs: SAMPLE_EVERY_MS });
            samples.time(`growth${count}.up`, up.wallMs);
            samples.peaks(`growth${count}.up`, up.peaks!);
            samples.time(`growth${count}.preview`, (await project.preview({ env, flags: ["--expect-no-changes"] })).wallMs);
            samples.time(`growth${count}.destroy`, (await project.destroy({ env })).wallMs);
        },
    };
}

/**
 * The dev stack with one thing changed, to tell the engine's share from ours: no preview before the update or the
 * destroy (`--skip-preview`), and the program transpiled without type-checking (PULUMI_NODEJS_TRANSPILE_ONLY).
 */
export function skipPreviewLifecycle(project: PulumiProject): Lifecycle {
    return {
        name: "what-if: --skip-preview, transpile only",
        async run(samples) {
            samples.time("whatIf.upSkipPreview", (await project.up({ flags: ["--skip-preview"] })).wallMs);
            const env = { PULUMI_NODEJS_TRANSPILE_ONLY: "true" };
            samples.time("whatIf.previewTranspileOnly", (await project.preview({ env, flags: ["--expect-no-changes"] })).wallMs);
            samples.time("whatIf.destroySkipPreview", (await project.destroy({ flags: ["--skip-preview"] })).wallMs);
        },
    };
}

/** The dev stack with more resource operations at once than the engine's default of 4 per core (8 here). */
export function parallelLifecycle(project: PulumiProject): Lifecycle {
    const env = { PULUMI_PARALLEL: "64" };
    return {
        name: "what-if: PULUMI_PARALLEL=64",
        async run(samples) {
            samples.time("whatIf.upParallel64", (await project.up({ env })).wallMs);
            samples.time("whatIf.destroyParallel64", (await project.destroy({ env })).wallMs);
        },
    };
}

/** The largest growth case with PULUMI_PARALLEL=64: whether the engine's limit on operations at once is what grows. */
export function growthParallelLifecycle(project: PulumiProject, count: number): Lifecycle {
    const env = { BENCH_COUNT: String(count), PULUMI_PARALLEL: "64" };
    return {
        name: `what-if: growth ${count}, PULUMI_PARALLEL=64`,
        async run(samples) {
            samples.time(`whatIf.growth${count}UpParallel64`, (await project.up({ env })).wallMs);
            samples.time(`whatIf.growth${count}DestroyParallel64`, (await project.destroy({ env })).wallMs);
        },
    };
}
