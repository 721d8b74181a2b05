import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** Where scripts/e2e-toolchain.sh puts the engine and providers it builds from the Go module proxy. */
export function toolchainBin(): string {
    return join(process.env.ABCDESKTOP_E2E_CACHE ?? join(homedir(), ".cache", "abcdesktop-e2e"), "bin");
}

/** The binaries an end-to-end run needs; `pulumi-language-nodejs` is not among them (see the toolchain README). */
export const REQUIRED_BINARIES = ["pulumi", "pulumi-resource-kubernetes", "pulumi-resource-tls", "pulumi-resource-random"];

/** The binaries missing from the toolchain folder. */
export function missingBinaries(): string[] {
    return REQUIRED_BINARIES.filter((name) => !existsSync(join(toolchainBin(), name)));
}
