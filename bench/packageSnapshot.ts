import { cpSync, existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { BUILT_PACKAGE, PACKAGE_SNAPSHOT } from "./paths";

/**
 * Copies `npm run build`'s output (bin/components) to bench/.out/package, so the import figures measure that
 * build even when someone else rebuilds (and first deletes) bin/ while the bench runs.
 */
export function snapshotBuiltPackage(): void {
    if (!existsSync(join(BUILT_PACKAGE, "index.js"))) {
        throw new Error(`${BUILT_PACKAGE}/index.js is missing: run npm run build first (npm run bench does)`);
    }
    rmSync(PACKAGE_SNAPSHOT, { recursive: true, force: true });
    cpSync(BUILT_PACKAGE, PACKAGE_SNAPSHOT, { recursive: true });
}
