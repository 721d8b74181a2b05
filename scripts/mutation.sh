#!/usr/bin/env bash
# Mutation testing (StrykerJS), by area: `npm run test:mutation` runs every area of stryker.config.mjs,
# `npm run test:mutation -- shared nginx` only those. Not part of `npm test` nor of .ci/run: it takes tens of minutes
# on a 2-core machine (README.md, "Mutation testing"). Reports: reports/mutation/<area>.html and .json, and a summary
# of every area's last run, file by file with the surviving mutants, in reports/mutation/summary.md.
set -euo pipefail
cd "$(dirname "$0")/.."

areas=("$@")
if [ "${#areas[@]}" -eq 0 ]; then
    mapfile -t areas < <(node --input-type=module -e 'import("./stryker.config.mjs").then((c) => console.log(Object.keys(c.AREAS).join("\n")))')
fi
mkdir -p reports/mutation
for area in "${areas[@]}"; do
    start=$(date +%s)
    echo "== mutation testing: $area"
    MUTATION_AREA="$area" npx stryker run stryker.config.mjs
    echo "== $area: $(($(date +%s) - start)) s" | tee -a reports/mutation/timings.txt
done
node scripts/mutationSummary.mjs reports/mutation
