import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { deepMerge } from "./deepMerge";

const tree = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<unknown>;

describe("deep merge", () => {
    it("lays fields over defaults, replaces lists whole, keeps what is not given", () => {
        const defaults = { image: { repository: "r", tag: "1" }, apps: ["a", "b"], enabled: false };
        assert.deepEqual(deepMerge(defaults, { image: { tag: "2" }, apps: ["c"] }), {
            image: { repository: "r", tag: "2" },
            apps: ["c"],
            enabled: false,
        });
        assert.deepEqual(deepMerge(defaults, { enabled: undefined }), defaults);
    });

    it("takes an Output as one value, never looking into it", () => {
        const secret = pulumi.secret("s3cret");
        const merged = deepMerge({ password: "default" }, { password: secret }) as { password: unknown };
        assert.equal(merged.password, secret);
    });

    it("changes neither input, and merging the same arguments twice changes nothing more", () => {
        fc.assert(
            fc.property(tree, tree, (defaults, given) => {
                const [d, g] = [JSON.stringify(defaults), JSON.stringify(given)];
                const once = deepMerge(defaults, given);
                assert.deepEqual(deepMerge(once, given), once);
                assert.equal(JSON.stringify(defaults), d);
                assert.equal(JSON.stringify(given), g);
            }),
        );
    });

    it("gives back the defaults when nothing is given", () => {
        fc.assert(fc.property(tree, (defaults) => assert.deepEqual(deepMerge(defaults, undefined), defaults)));
    });
});
