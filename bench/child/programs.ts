import { join } from "node:path";
import { BENCH_OUT, COMPILED_BENCH, PULUMI_PACKAGES } from "../paths";

/** A compiled program and the modules it imports (loaded, and timed, before it registers anything). */
export interface BenchProgram {
    module: string;
    imports: string[];
}

const COMPONENTS = join(BENCH_OUT, "components", "index.js");

export const PROGRAMS: Record<string, BenchProgram> = {
    /** The project's program, index.ts, as `pulumi up` and `npm run render` run it. */
    dev: { module: join(BENCH_OUT, "index.js"), imports: [...PULUMI_PACKAGES, COMPONENTS] },
    floor: { module: join(COMPILED_BENCH, "programs", "floor.js"), imports: PULUMI_PACKAGES },
    instances: { module: join(COMPILED_BENCH, "programs", "instances.js"), imports: [...PULUMI_PACKAGES, COMPONENTS] },
};
