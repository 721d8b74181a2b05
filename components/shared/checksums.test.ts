import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { contentChecksum } from "./checksums";

function value<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply(resolve));
}

describe("content checksums", () => {
    it("are the same for the same content and key, and differ when any part or the key does", async () => {
        await fc.assert(
            fc.asyncProperty(
                fc.array(fc.string(), { minLength: 1, maxLength: 4 }),
                fc.string(),
                fc.string({ minLength: 1 }),
                async (parts, key, extra) => {
                    const base = await value(contentChecksum(key, parts));
                    assert.equal(await value(contentChecksum(key, [...parts])), base);
                    assert.notEqual(await value(contentChecksum(key, [...parts.slice(0, -1), parts[parts.length - 1] + extra])), base);
                    assert.notEqual(await value(contentChecksum(`${key}x`, parts)), base);
                },
            ),
            { numRuns: 50 },
        );
    });

    it("never make a pod template secret, even over secret content", async () => {
        const checksum = contentChecksum(pulumi.secret("key"), [pulumi.secret("password")]);
        assert.equal(await pulumi.isSecret(checksum), false);
        assert.match(await value(checksum), /^[0-9a-f]{64}$/);
    });

    it("read a value that plain mocks leave undefined as empty text", async () => {
        // A consumer's pulumi.runtime.setMocks computes no random key nor password: the checksum still exists.
        const missing = undefined as unknown as string;
        assert.equal(await value(contentChecksum(missing, ["a", missing])), await value(contentChecksum("", ["a", ""])));
    });

    it("separate parts, so moving a character from one part to the next changes the checksum", async () => {
        assert.notEqual(await value(contentChecksum("k", ["ab", "c"])), await value(contentChecksum("k", ["a", "bc"])));
    });
});
