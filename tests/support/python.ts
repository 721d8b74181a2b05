import { existsSync } from "node:fs";
import { join } from "node:path";

/** The Python that has the tests' tools (CherryPy, crossplane): the project's .venv made by scripts/setup.sh, or $PYTHON. */
export const PYTHON =
    process.env["PYTHON"] ??
    (existsSync(join(__dirname, "..", "..", ".venv", "bin", "python")) ? join(__dirname, "..", "..", ".venv", "bin", "python") : "python3");
