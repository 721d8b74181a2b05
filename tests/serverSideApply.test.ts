// Objects as Server-Side Apply needs them for a `pulumi up` to adopt what an interrupted run created: each create gets
// a field manager of its own, and another manager's apply of an atomic struct conflicts unless it is exactly the live
// value, defaults included.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { deployPlatform, podTemplate, WORKLOAD_KINDS } from "./support/platform";

describe("what Server-Side Apply sees of our objects", () => {
    for (const release of ["1.0", "4.4"] as const) {
        it(`writes out the apiVersion the API server defaults in every pod field reference of release ${release}`, async () => {
            const platform = await deployPlatform({ release, openldap: { enabled: true } });
            const references = platform.manifests
                .filter((m) => WORKLOAD_KINDS.includes(m.kind))
                .flatMap((workload) =>
                    [...podTemplate(workload).spec.containers, ...(podTemplate(workload).spec.initContainers ?? [])].flatMap((container) =>
                        (container.env ?? [])
                            .filter((env) => env.valueFrom?.fieldRef)
                            .map((env) => ({
                                at: `${workload.metadata.name}/${container.name}/${env.name}`,
                                ref: env.valueFrom!.fieldRef!,
                            })),
                    ),
                );
            assert.ok(references.length >= 4, references.map((r) => r.at).join(", "));
            assert.deepEqual(
                references.filter((r) => r.ref.apiVersion !== "v1").map((r) => r.at),
                [],
                "field references without apiVersion v1",
            );
        });
    }
});
