// Mutation testing with StrykerJS: `npm run test:mutation` (scripts/mutation.sh), never from .ci/run nor `npm test`.
//
// Why this shape:
// - Stryker 9.6, not 10: Stryker 10 requires Node.js >= 22, and the package (and this machine) run Node.js 20.
// - testRunner "tap": our tests use Node's built-in runner, which prints TAP. The tap runner starts one
//   `node --import tsx <file>` per test file (tsx strips the types of the instrumented sources, which carry
//   `// @ts-nocheck`), so a "test" for Stryker is a whole test file.
// - coverageAnalysis "perTest": the dry run records which mutants each test file reaches, and a mutant then runs only
//   the files that reach it, not the whole suite (about 5 minutes on this 2-core machine: far too slow per mutant).
// - One area per run (MUTATION_AREA, see AREAS below): each area names the files it mutates and the test files that
//   specify them. A test file that builds the whole platform under the mock engine reaches nearly every module, and
//   running it for every mutant of every module would take hours here; an area's score says how well *its* tests pin
//   its files down. Which areas exist, and what is left out and why: README.md, "Mutation testing".
// - No TypeScript checker: @stryker-mutator/typescript-checker would type-check every mutant against the whole
//   project, Pulumi's and Kubernetes' declarations included, before running it, on a machine where a run is already
//   long. Without it a mutant the compiler would refuse still runs (tsx does not type-check) and is usually killed;
//   one that survives is said to be so in the report.
// - concurrency 2: the machine has 2 cores, and other work runs on it.
// - incremental: the results are kept in reports/mutation/<area>.incremental.json, and a run re-tests only the
//   mutants whose file or covering tests changed.
// - Everything Stryker writes goes under reports/ and .stryker-tmp/, both ignored by git.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const ROOT = dirname(fileURLToPath(import.meta.url));

/** Each area: the files it mutates and the test files that specify them (globs, relative to the repository). */
export const AREAS = {
    // Pure helpers with their unit tests beside them (fast-check properties): about a second per test file.
    shared: {
        mutate: [
            "components/shared/checksums.ts",
            "components/shared/deepMerge.ts",
            "components/shared/image.ts",
            "components/shared/quantity.ts",
            "components/shared/settingPath.ts",
            "components/shared/suggest.ts",
        ],
        testFiles: ["components/shared/*.test.ts"],
    },
    // Validation of the arguments: the checker, the schema walker and the entry point, against the suite of bad
    // inputs (tests/validation.test.ts) and the od.config override checks that go through validateArgs.
    validation: {
        mutate: ["components/shared/validation.ts", "components/shared/shape.ts", "components/validateArgs.ts"],
        testFiles: ["tests/validation.test.ts", "components/shared/*.test.ts"],
    },
    // The nginx site, read back by crossplane (a real nginx config parser).
    nginx: {
        mutate: ["components/nginx/site.ts"],
        testFiles: ["tests/nginxConfig.test.ts"],
    },
    // Python literals: the writer od.config is made with, and the reader that vets od.config overrides, both held
    // against CherryPy's own reader (tests/tools/*.py).
    pyos: {
        mutate: ["components/pyos/pythonLiteral.ts", "components/pyos/pythonLiteralSyntax.ts"],
        testFiles: ["components/pyos/*.test.ts", "tests/odConfigOverrides.test.ts", "tests/odConfig.test.ts"],
    },
};

const area = process.env.MUTATION_AREA ?? "shared";
if (!(area in AREAS)) {
    throw new Error(`MUTATION_AREA=${area}: no such area; areas: ${Object.keys(AREAS).join(", ")}`);
}

// The tests find their Python tools (CherryPy, crossplane) in the project's .venv, which is not copied into
// Stryker's sandbox (4,000 files): point them at it. The test files' processes inherit this environment.
const venvPython = join(ROOT, ".venv", "bin", "python");
if (!process.env.PYTHON && existsSync(venvPython)) process.env.PYTHON = venvPython;

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
    packageManager: "npm",
    plugins: ["@stryker-mutator/tap-runner"],
    testRunner: "tap",
    tap: {
        testFiles: AREAS[area].testFiles,
        // Without --test a test file runs in the process that loads Stryker's hook, so coverage is recorded.
        nodeArgs: ["--import", "tsx", "--test-reporter=tap"],
        // Stop a test file at its first failing test: one failure kills the mutant.
        forceBail: true,
    },
    mutate: AREAS[area].mutate,
    coverageAnalysis: "perTest",
    concurrency: 2,
    // A mutant times out (and counts as detected) after 3 x the covering test files' time plus 15 s, where
    // Stryker's default is 1.5 x plus 5 s: this 2-core machine is shared, and under load a test file can take several
    // times as long as in the dry run; a mutant that merely ran slowly must not pass for one that loops forever.
    timeoutFactor: 3,
    timeoutMS: 15000,
    incremental: true,
    incrementalFile: `reports/mutation/${area}.incremental.json`,
    reporters: ["clear-text", "progress", "html", "json"],
    htmlReporter: { fileName: `reports/mutation/${area}.html` },
    jsonReporter: { fileName: `reports/mutation/${area}.json` },
    clearTextReporter: { allowColor: false, logTests: false, reportMutants: false },
    tempDirName: ".stryker-tmp",
    // Not copied into the sandbox: what git ignores (the Python venv, build output, reports).
    ignorePatterns: [".venv", "bin", "reports", "rendered", ".pulumi", "*.tgz", "examples/*/sdks", "examples/*/venv", "bench/.out"],
    cleanTempDir: "always",
};
