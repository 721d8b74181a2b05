import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { imageReference, parseImageReference, resolveImage } from "./image";

const component = fc.stringMatching(/^[a-z0-9]{1,8}([._-][a-z0-9]{1,4})?$/);
const repository = fc
    .tuple(
        fc.option(fc.constantFrom("registry.example.com:5000", "ghcr.io"), { nil: undefined }),
        fc.array(component, { minLength: 1, maxLength: 3 }),
    )
    .map(([host, parts]) => [host, ...parts].filter(Boolean).join("/"));
const tag = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}$/);
const digest = fc.stringMatching(/^[a-f0-9]{64}$/).map((hex) => `sha256:${hex}`);

describe("image references", () => {
    it("split repository, tag and digest, a registry port included", () => {
        assert.deepEqual(parseImageReference("abcdesktopio/firefox.d:1.0"), { repository: "abcdesktopio/firefox.d", tag: "1.0" });
        assert.deepEqual(parseImageReference("registry.example.com:5000/apps/gimp.d:2.10"), {
            repository: "registry.example.com:5000/apps/gimp.d",
            tag: "2.10",
        });
        assert.deepEqual(parseImageReference("registry.example.com:5000/apps/gimp.d"), {
            repository: "registry.example.com:5000/apps/gimp.d",
        });
        assert.deepEqual(parseImageReference(`ghcr.io/a/b@sha256:${"a".repeat(64)}`), {
            repository: "ghcr.io/a/b",
            digest: `sha256:${"a".repeat(64)}`,
        });
    });

    it("join back into the reference they were split from", () => {
        fc.assert(
            fc.property(repository, fc.option(tag, { nil: undefined }), fc.option(digest, { nil: undefined }), (repo, t, d) => {
                const reference = imageReference("", repo, t, d);
                const parsed = parseImageReference(reference);
                assert.equal(imageReference("", parsed.repository!, parsed.tag, parsed.digest), reference);
                assert.deepEqual(parsed, {
                    repository: repo,
                    ...(t !== undefined ? { tag: t } : {}),
                    ...(d !== undefined ? { digest: d } : {}),
                });
            }),
        );
    });

    it("take the platform's registry prefix and pull policy unless they set their own", () => {
        const defaults = { prefix: "mirror.example.com/abc/", pullPolicy: "IfNotPresent" as const };
        assert.deepEqual(resolveImage({ repository: "abcdesktopio/oc.pyos", tag: "1.1" }, defaults), {
            reference: "mirror.example.com/abc/abcdesktopio/oc.pyos:1.1",
            pullPolicy: "IfNotPresent",
        });
        assert.deepEqual(resolveImage({ registry: "", repository: "pause", tag: "3.10", pullPolicy: "Always" }, defaults), {
            reference: "pause:3.10",
            pullPolicy: "Always",
        });
        assert.throws(() => resolveImage({ repository: "abcdesktopio/oc.pyos" }, defaults), /no tag and digest/);
    });
});
