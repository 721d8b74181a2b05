// Objects as Server-Side Apply needs them for a `pulumi up` to take over what an interrupted run created, what an
// older version of the package wrote and what kubectl changed: every object is applied by the stack's one field
// manager, whichever run creates it, owning the fields it sets; and where another manager applies the same object, an
// atomic struct conflicts unless it is exactly the live value, defaults included.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FIELD_MANAGER_ANNOTATION, PATCH_FORCE_ANNOTATION } from "../components/shared/serverSideApply";
import { deployPlatform, podTemplate, WORKLOAD_KINDS } from "./support/platform";

describe("what Server-Side Apply sees of our objects", () => {
    for (const release of ["1.0", "4.4"] as const) {
        it(`has every object of release ${release} applied by the stack's own field manager, owning the fields it sets`, async () => {
            const platform = await deployPlatform({ release, openldap: { enabled: true }, exposure: { type: "loadBalancer" } });
            const how = new Set(
                platform.manifests.map((m) => {
                    const annotations = (m.metadata.annotations ?? {}) as Record<string, string>;
                    return `${annotations[FIELD_MANAGER_ANNOTATION]}, force ${annotations[PATCH_FORCE_ANNOTATION]}`;
                }),
            );
            assert.deepEqual([...how], ["pulumi-kubernetes-abcdesktop-test, force true"]);
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
