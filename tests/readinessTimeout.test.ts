// How long `pulumi up` waits for what it deploys to be ready: every workload, and a LoadBalancer front door, carry the
// platform's `readinessTimeoutSeconds` as their custom timeouts, which the Kubernetes provider waits instead of its
// own ten minutes. Objects that are not awaited carry none, and no Service is awaited but a LoadBalancer.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AbcdesktopArgs } from "../components/args";
import { deployPlatform, Registration, registrations, WORKLOAD_KINDS } from "./support/platform";

const isWorkload = (r: Registration) => WORKLOAD_KINDS.some((kind) => r.type.endsWith(`:${kind}`));
const isService = (r: Registration) => r.type === "kubernetes:core/v1:Service";

/** `name: create/update/delete` of every registration `which` selects. */
async function timeouts(args: AbcdesktopArgs, which: (r: Registration) => boolean): Promise<string[]> {
    return (await registrations(args))
        .filter(which)
        .map((r) => `${r.name}: ${r.opts.customTimeouts?.create}/${r.opts.customTimeouts?.update}/${r.opts.customTimeouts?.delete}`);
}

describe("how long `pulumi up` waits for readiness", () => {
    for (const release of ["1.0", "4.4"] as const) {
        it(`waits the provider's ten minutes for every workload of release ${release} by default`, async () => {
            const waits = await timeouts({ release }, isWorkload);
            assert.equal(waits.length, release === "1.0" ? 5 : 7, waits.join(", "));
            for (const wait of waits) assert.match(wait, /: 600s\/600s\/undefined$/);
        });

        it(`waits readinessTimeoutSeconds for every workload of release ${release}, and for creates as for updates`, async () => {
            const waits = await timeouts({ release, readinessTimeoutSeconds: 90, openldap: { enabled: true } }, isWorkload);
            assert.ok(
                waits.some((wait) => wait.includes("openldap")),
                waits.join(", "),
            );
            for (const wait of waits) assert.match(wait, /: 90s\/90s\/undefined$/);
        });
    }

    for (const release of ["1.0", "4.4"] as const) {
        it(`awaits no Service of release ${release} but a LoadBalancer: the workloads behind them are awaited`, async () => {
            for (const type of ["nodePort", "loadBalancer"] as const) {
                const platform = await deployPlatform({ release, openldap: { enabled: true }, exposure: { type } });
                const awaited = platform.manifests
                    .filter((m) => m.kind === "Service")
                    .filter((m) => (m.metadata.annotations as Record<string, string> | undefined)?.["pulumi.com/skipAwait"] !== "true")
                    .map((m) => `${m.metadata.name} ${(m.spec as { type?: string }).type ?? "ClusterIP"}`);
                assert.deepEqual(awaited, type === "loadBalancer" ? [`${release === "1.0" ? "nginx" : "http-router"} LoadBalancer`] : []);
            }
        });
    }

    it("waits as long for a LoadBalancer front door's address, and not at all for Services with a cluster IP", async () => {
        const services = await timeouts({ release: "4.4", readinessTimeoutSeconds: 90, exposure: { type: "loadBalancer" } }, isService);
        assert.deepEqual(
            services.filter((s) => !s.endsWith("undefined/undefined/undefined")),
            ["abcdesktop-http-router: 90s/90s/undefined"],
        );
        const nodePort = await timeouts({ release: "4.4", readinessTimeoutSeconds: 90 }, isService);
        assert.deepEqual(
            nodePort.filter((s) => !s.endsWith("undefined/undefined/undefined")),
            [],
        );
    });
});
