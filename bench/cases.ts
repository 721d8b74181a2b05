import { join } from "node:path";
import { COMPILED_BENCH, REPO_ROOT } from "./paths";
import { runNodeChild, timeCommand, TimedRun } from "./runChild";

/** One thing measured in a fresh process, repeated round-robin with the others so background load hits all alike. */
export interface BenchCase {
    id: string;
    label: string;
    run: () => TimedRun;
}

export const INSTANCE_COUNTS = [1, 2, 4, 8];
export const FLOOR_OBJECTS = 32;

const EVALUATE = join(COMPILED_BENCH, "child", "evaluate.js");
const IMPORT_TIME = join(COMPILED_BENCH, "child", "importTime.js");

/** Every case of one `npm run bench`; `premadeKey` is the JSON of the key the `premade` runs answer with. */
export function benchCases(premadeKey: string): BenchCase[] {
    const evaluate =
        (program: string, keys: "real" | "premade", count = 1) =>
        () =>
            runNodeChild(EVALUATE, [program, keys], { BENCH_COUNT: String(count), BENCH_PREMADE_KEY: premadeKey });
    return [
        { id: "floor", label: "floor: 4 SDK packages + 1 Namespace", run: evaluate("floor", "premade") },
        {
            id: "floorMany",
            label: `floor: 4 SDK packages + ${FLOOR_OBJECTS} Namespaces`,
            run: evaluate("floor", "premade", FLOOR_OBJECTS),
        },
        { id: "devPremade", label: "dev stack (index.ts), premade RSA key", run: evaluate("dev", "premade") },
        { id: "devReal", label: "dev stack (index.ts), real RSA keys (as render)", run: evaluate("dev", "real") },
        ...INSTANCE_COUNTS.map((n) => ({
            id: `instances${n}`,
            label: `${n} Abcdesktop instance(s), premade key`,
            run: evaluate("instances", "premade", n),
        })),
        {
            id: "importPackage",
            label: "require bin/components/index.js (npm run build)",
            run: () => runNodeChild(IMPORT_TIME, ["package"]),
        },
        { id: "importSdk", label: "require the 4 @pulumi/* packages", run: () => runNodeChild(IMPORT_TIME, ["sdk"]) },
        {
            id: "render",
            label: "npm run render -- --stack dev",
            run: () => timeCommand("npm", ["run", "render", "--", "--stack", "dev"], {}, REPO_ROOT),
        },
    ];
}
