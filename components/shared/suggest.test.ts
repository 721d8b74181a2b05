import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { editDistance, nearestName } from "./suggest";

const fewLetters = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: fc.constantFrom("a", "b", "c"), maxLength: 8 }));

describe("nearest names", () => {
    it("finds what a typo meant", () => {
        const keys = ["image", "resources", "mountDockerSocket", "clusterWideRbac", "odConfigOverrides"];
        assert.equal(nearestName("imgae", keys), "image");
        assert.equal(nearestName("Image", keys), "image");
        assert.equal(nearestName("resource", keys), "resources");
        assert.equal(nearestName("mountDockerSock", keys), "mountDockerSocket");
        assert.equal(nearestName("tag", keys), undefined);
    });

    it("allows a third of the name's length in edits, and two for short names", () => {
        assert.equal(nearestName("imgea", ["image"]), "image"); // two edits in five letters
        assert.equal(nearestName("imxyz", ["image"]), undefined); // three edits in five letters
        assert.equal(nearestName("mntDckrSocket", ["mountDockerSocket"]), "mountDockerSocket"); // four in thirteen
        assert.equal(nearestName("mountDkrSckt", ["mountDockerSocket"]), undefined); // five in twelve
    });

    it("picks the nearest of the close names, whatever their order", () => {
        const word = fc.stringMatching(/^[a-e]{1,7}$/);
        fc.assert(
            fc.property(word, fc.array(word, { maxLength: 6 }), (typed, candidates) => {
                const found = nearestName(typed, candidates);
                const allowed = Math.max(2, Math.floor(typed.length / 3));
                const close = candidates.filter((c) => editDistance(typed, c) <= allowed);
                if (close.length === 0) {
                    assert.equal(found, undefined);
                    return;
                }
                assert.ok(found !== undefined && candidates.includes(found));
                assert.equal(editDistance(typed, found), Math.min(...close.map((c) => editDistance(typed, c))));
            }),
        );
    });

    it("measures a distance: zero only to itself, symmetric, never more than the longer name", () => {
        fc.assert(
            // Few letters, so that names share letters (and swaps of neighbours) as real keys do.
            fc.property(fewLetters, fewLetters, (a, b) => {
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
