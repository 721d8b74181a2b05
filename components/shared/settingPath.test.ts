import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { formatPath, parsePath, SettingPathError, valueAt, withValueAt } from "./settingPath";

const pathArbitrary = fc.tuple(
    fc.constantFrom("pyos", "mongodb", "a_b", "x-y"),
    fc.array(fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.nat({ max: 20 })), { maxLength: 5 }),
);

describe("setting paths", () => {
    it("reads pulumi config set --path's forms", () => {
        assert.deepEqual(parsePath("pyos.image.tag"), ["pyos", "image", "tag"]);
        assert.deepEqual(parsePath("imagePrePull.applications[0]"), ["imagePrePull", "applications", 0]);
        assert.deepEqual(parsePath('pyos.odConfigOverrides["desktop.homedirectorytype"]'), [
            "pyos",
            "odConfigOverrides",
            "desktop.homedirectorytype",
        ]);
    });

    it("refuses what is not a path, saying where", () => {
        assert.throws(() => parsePath("pyos..tag"), SettingPathError);
        assert.throws(() => parsePath("pyos.image[x]"), /an index or a quoted key is expected at character 11/);
        assert.throws(() => parsePath(".pyos"), /a name is expected at character 1/);
        assert.throws(() => parsePath("pyos image"), { name: "SettingPathError", message: /unexpected " " at character 5/ });
        // A quoted key further on does not make up for a bad step here.
        assert.throws(() => parsePath('pyos.image[x]["tag"]'), /an index or a quoted key is expected at character 11/);
    });

    it("reads nothing through a missing step, a null or a plain value", () => {
        const root = { pyos: { image: null, tag: "1.1", list: ["a"] } };
        assert.equal(valueAt(root, ["pyos", "image", "tag"]), undefined);
        assert.equal(valueAt(root, ["pyos", "tag", "length"]), undefined);
        assert.equal(valueAt(root, ["pyos", "missing", "tag"]), undefined);
        assert.equal(valueAt(root, ["pyos", "list", 0]), "a");
    });

    it("makes a list for a numeric step and an object for a name, as pulumi config set --path does", () => {
        assert.deepEqual(withValueAt({}, ["imagePrePull", "applications", 0], "a:1"), { imagePrePull: { applications: ["a:1"] } });
        const { list } = withValueAt({}, ["list", 1], "b") as { list: unknown[] };
        assert.deepEqual([Array.isArray(list), list.length, list[0], list[1]], [true, 2, undefined, "b"]);
        // What was there stays, unless it is in the way: a plain value or a list where a name goes, an object where an index goes.
        assert.deepEqual(withValueAt({ list: ["a"] }, ["list", 1], "b"), { list: ["a", "b"] });
        assert.deepEqual(withValueAt({ pyos: "1.1" }, ["pyos", "tag"], "1.2"), { pyos: { tag: "1.2" } });
        assert.deepEqual(withValueAt({ pyos: ["x"] }, ["pyos", "tag"], "1.2"), { pyos: { tag: "1.2" } });
        assert.deepEqual(withValueAt({ pyos: null }, ["pyos", "tag"], "1.2"), { pyos: { tag: "1.2" } });
        assert.deepEqual(withValueAt({ list: { a: 1 } }, ["list", 0], "b"), { list: ["b"] });
        // Names an object's prototype answers to are settings' names like any other (found by the property below).
        const polluted = withValueAt({}, ["pyos", "__proto__"], 1) as { pyos: object };
        assert.equal(valueAt(polluted, ["pyos", "__proto__"]), 1);
        assert.equal(Object.getPrototypeOf(polluted.pyos), Object.prototype);
        assert.equal(valueAt({}, ["constructor"]), undefined);
    });

    it("parses back whatever it formats", () => {
        fc.assert(
            fc.property(pathArbitrary, ([head, rest]) => {
                const path = [head, ...rest];
                assert.deepEqual(parsePath(formatPath(path)), path);
            }),
        );
    });

    it("puts a value where it then reads it, leaving the original untouched", () => {
        fc.assert(
            fc.property(pathArbitrary, fc.jsonValue(), ([head, rest], value) => {
                const root = { other: { kept: true } };
                const before = JSON.stringify(root);
                const path = [head, ...rest];
                const updated = withValueAt(root, path, value);
                assert.deepEqual(valueAt(updated, path), value);
                assert.deepEqual((updated as typeof root).other, { kept: true });
                assert.equal(JSON.stringify(root), before);
            }),
        );
    });
});
