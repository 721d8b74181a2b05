#!/usr/bin/env bash
# After a `pulumi up` that was killed (SIGKILL, a closed terminal, a lost CI runner) on the file backend: the run
# left its lock, and operations it started but never recorded. Run only when no other pulumi run on the stack is
# alive: `pulumi cancel` removes the lock whoever holds it.
#   npm run recover -- --stack <name>     then: pulumi up
set -euo pipefail
if [ "$#" -eq 0 ]; then
    echo "usage: npm run recover -- --stack <name>" >&2
    exit 2
fi
pulumi cancel --yes "$@"
# The cluster is the truth: refresh reads every object back, and drops the creations that were started but whose
# result the killed run never wrote down (the next `pulumi up` creates them again, or adopts what did get created).
pulumi refresh --yes --clear-pending-creates "$@"
