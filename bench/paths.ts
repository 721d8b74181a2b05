import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/** The nearest directory above `start` holding Pulumi.yaml: the repository, from source or from bench/.out. */
function findRepoRoot(start: string): string {
    let dir = start;
    while (!existsSync(join(dir, "Pulumi.yaml"))) {
        const parent = dirname(dir);
        if (parent === dir) {
            throw new Error(`no Pulumi.yaml above ${start}`);
        }
        dir = parent;
    }
    return dir;
}

export const REPO_ROOT = findRepoRoot(__dirname);
/** What `tsc -p bench/tsconfig.json` writes: index.js, components/ and bench/, compiled like `npm run build`. */
export const BENCH_OUT = join(REPO_ROOT, "bench", ".out");
export const COMPILED_BENCH = join(BENCH_OUT, "bench");
/** What `npm run build` writes; the package's main is bin/components/index.js. */
export const BUILT_PACKAGE = join(REPO_ROOT, "bin", "components");
/** A copy of BUILT_PACKAGE taken when the bench starts (another `npm run build` deletes bin/ first). */
export const PACKAGE_SNAPSHOT = join(BENCH_OUT, "package", "components");
/** The four SDK packages the component depends on. */
export const PULUMI_PACKAGES = ["@pulumi/pulumi", "@pulumi/kubernetes", "@pulumi/tls", "@pulumi/random"];
