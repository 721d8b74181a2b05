// Resource options a consumer gives the component, and which of them reach the objects it creates.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { components, evaluateInTestStack } from "./support/platform";

/** Every resource the component creates (itself excluded), as the SDK constructed them, and the mock records. */
async function children(makeOptions: () => pulumi.ComponentResourceOptions) {
    const created: pulumi.Resource[] = [];
    const evaluation = await evaluateInTestStack(() => {
        const { Abcdesktop } = components();
        const options = makeOptions();
        const collect: pulumi.ResourceTransformation = ({ resource, name }) => {
            if (name !== "desktops") created.push(resource);
            return undefined;
        };
        new Abcdesktop("desktops", {}, { ...options, transformations: [...(options.transformations ?? []), collect] });
        return {};
    });
    return { created, evaluation };
}

// The SDK keeps what it resolved for each resource in these fields; they are what it sends the engine.
interface ResolvedOptions {
    __protect?: boolean;
}

describe("resource options through the component", () => {
    it("sends every Kubernetes object to the consumer's provider", async () => {
        const { evaluation } = await children(() => {
            const k8s = require("@pulumi/kubernetes") as typeof import("@pulumi/kubernetes");
            return { providers: [new k8s.Provider("team-cluster", { namespace: "ignored-by-cluster-scoped" })] };
        });
        const objects = evaluation.resources.filter((r) => r.type.startsWith("kubernetes:") && !r.type.startsWith("pulumi:providers"));
        assert.ok(objects.length > 30);
        for (const object of objects) {
            assert.match(object.provider ?? "", /::team-cluster::/, object.name);
        }
    });

    it("protects every child when the component is protected", async () => {
        const { created } = await children(() => ({ protect: true }));
        assert.ok(created.length > 30);
        for (const resource of created) {
            assert.equal((resource as unknown as ResolvedOptions).__protect, true);
        }
    });

    it("names every child after the component, so the engine carries a component alias to every child", async () => {
        // The engine gives a child of an aliased parent the alias made by swapping the parent's name prefix in the
        // child's name; that only works because every child's name starts with the component's.
        const { created } = await children(() => ({ aliases: [{ name: "abcdesktop" }] }));
        for (const resource of created) {
            const name = (resource as unknown as { __name: string }).__name;
            assert.ok(name.startsWith("desktops-"), name);
        }
    });

    it("applies the consumer's transformations to every child", async () => {
        const { evaluation } = await children(() => ({
            transformations: [
                ({ props, opts }) => ({
                    props: props.metadata
                        ? { ...props, metadata: { ...props.metadata, annotations: { "team.example.com/owner": "desktops" } } }
                        : props,
                    opts,
                }),
            ],
        }));
        const objects = evaluation.resources.filter((r) => r.type.startsWith("kubernetes:"));
        for (const object of objects) {
            const annotations = (object.inputs.metadata as { annotations?: Record<string, string> }).annotations ?? {};
            assert.equal(annotations["team.example.com/owner"], "desktops", object.name);
        }
    });
});
