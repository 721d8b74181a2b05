// Every lifecycle once per round, each round starting one lifecycle later than the last, so that load from other
// processes (and the cluster's own warm-up) hits every tool alike rather than whichever runs first.
import { describeLoad } from "../machine";
import { Lifecycle } from "./lifecycles";
import { Samples } from "./samples";

export async function runRounds(
    lifecycles: Lifecycle[],
    reps: number,
    reset: () => Promise<void>,
    samples: Samples,
    log: (text: string) => void,
): Promise<void> {
    for (let round = 0; round < reps; round++) {
        const order = lifecycles.map((_, i) => lifecycles[(i + round) % lifecycles.length]);
        for (const lifecycle of order) {
            await reset();
            const start = performance.now();
            await lifecycle.run(samples);
            log(`round ${round + 1}/${reps}: ${lifecycle.name} in ${((performance.now() - start) / 1000).toFixed(0)} s; ${describeLoad()}`);
        }
    }
}
