// The dev stack's and the floor's lifecycles once more, each operation with `--otel-traces` to a file of its own.
// Not part of the timed rounds: exporting spans costs time of its own.
import { join } from "node:path";
import { CHANGES } from "./lifecycles";
import { summarizeTrace, TraceSummary } from "./otelTrace";
import { PulumiOperationOptions, PulumiProject } from "./pulumiProject";

export async function tracedLifecycles(
    dev: PulumiProject,
    floor: PulumiProject,
    dir: string,
    reset: () => Promise<void>,
): Promise<Record<string, TraceSummary>> {
    const traces: Record<string, TraceSummary> = {};
    const traced = async (name: string, operation: (options: PulumiOperationOptions) => Promise<unknown>, flags: string[] = []) => {
        const file = join(dir, `${name.replace(/[^a-z0-9]+/gi, "-")}.json`);
        await operation({ flags: [...flags, `--otel-traces=file://${file}`] });
        traces[name] = summarizeTrace(file);
    };
    const noChanges = ["--expect-no-changes"];
    await reset();
    await traced("up from empty", dev.up);
    await traced("no-op preview", dev.preview, noChanges);
    await traced("no-op up", dev.up, noChanges);
    await dev.setConfig(...CHANGES.nodePort);
    await traced("NodePort changed", dev.up);
    await dev.setConfig(...CHANGES.tag);
    await traced("image tag changed", dev.up);
    await traced("destroy", dev.destroy);
    await dev.removeConfig(CHANGES.nodePort[0]);
    await dev.removeConfig(CHANGES.tag[0]);
    await reset();
    await traced("floor: up", floor.up);
    await traced("floor: no-op preview", floor.preview, noChanges);
    await traced("floor: destroy", floor.destroy);
    return traces;
}
