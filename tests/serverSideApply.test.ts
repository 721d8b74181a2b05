// Objects as Server-Side Apply needs them for a `pulumi up` to adopt what an interrupted run created: every object is
// written by the stack's one field manager, whichever run creates it, and where another manager applies the same
// object, an atomic struct conflicts unless it is exactly the live value, defaults included.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FIELD_MANAGER_ANNOTATION } from "../components/shared/fieldManager";
import { deployPlatform, podTemplate, WORKLOAD_KINDS } from "./support/platform";

describe("what Server-Side Apply sees of our objects", () => {
    for (const release of ["1.0", "4.4"] as const) {
        it(`has every object of release ${release} written by the stack's own field manager`, async () => {
            const platform = await deployPlatform({ release, openldap: { enabled: true }, exposure: { type: "loadBalancer" } });
            const managers = new Set(
                platform.manifests.map((m) => (m.metadata.annotations as Record<string, string> | undefined)?.[FIELD_MANAGER_ANNOTATION]),
            );
            assert.deepEqual([...managers], ["pulumi-kubernetes-abcdesktop-test"]);
        });
    }

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
