import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { stackFieldManager } from "./serverSideApply";

describe("the stack's field manager", () => {
    it("is named after the stack", () => {
        assert.equal(stackFieldManager("prod"), "pulumi-kubernetes-abcdesktop-prod");
    });

    it("stays within Kubernetes' 128 characters for the longest stack names", () => {
        const manager = stackFieldManager("s".repeat(200));
        assert.equal(manager.length, 128);
        assert.ok(manager.startsWith("pulumi-kubernetes-abcdesktop-s"));
    });
});
