// A fresh process: `node importTime.js <package|sdk>` requires the built package's main (the copy of
// bin/components/index.js, as a consumer would) or the four @pulumi/* packages alone, and prints how long that took (report.ts).
const bootMs = performance.now();

import { join } from "node:path";
import { PACKAGE_SNAPSHOT, PULUMI_PACKAGES } from "../paths";
import { printReport } from "./report";

const what = process.argv[2];
const modules = what === "package" ? [join(PACKAGE_SNAPSHOT, "index.js")] : what === "sdk" ? PULUMI_PACKAGES : undefined;
if (!modules) {
    throw new Error("usage: importTime.js <package|sdk>");
}
const start = performance.now();
for (const module of modules) {
    require(module);
}
printReport({ bootMs, importMs: performance.now() - start });
