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
