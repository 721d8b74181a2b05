import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { editDistance, nearestName } from "./suggest";

describe("nearest names", () => {
    it("finds what a typo meant", () => {
        const keys = ["image", "resources", "mountDockerSocket", "clusterWideRbac", "odConfigOverrides"];
        assert.equal(nearestName("imgae", keys), "image");
        assert.equal(nearestName("Image", keys), "image");
        assert.equal(nearestName("resource", keys), "resources");
        assert.equal(nearestName("mountDockerSock", keys), "mountDockerSocket");
        assert.equal(nearestName("tag", keys), undefined);
    });

    it("measures a distance: zero only to itself, symmetric, never more than the longer name", () => {
        fc.assert(
            fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
                const d = editDistance(a, b);
                assert.equal(d, editDistance(b, a));
                assert.equal(d === 0, a === b);
                assert.ok(d <= Math.max(a.length, b.length));
            }),
        );
    });

    it("takes one edit for one insertion, deletion, substitution or swap of neighbours", () => {
        fc.assert(
            fc.property(fc.string({ minLength: 2, maxLength: 10 }), fc.nat(), (word, seed) => {
                const i = seed % (word.length - 1);
                const swapped = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
                assert.ok(editDistance(word, swapped) <= 1);
                assert.equal(editDistance(word, word.slice(0, i) + word.slice(i + 1)), 1);
            }),
        );
    });
});
