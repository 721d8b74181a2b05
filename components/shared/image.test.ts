import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { checkImage, checkImageReferences, imageReference, parseImageReference, resolveImage } from "./image";
import { SettingsCheck } from "./validation";

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
        assert.deepEqual(parseImageReference("memcached"), { repository: "memcached" });
        assert.deepEqual(parseImageReference("memcached:1.6.17"), { repository: "memcached", tag: "1.6.17" });
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

const SHA256 = `sha256:${"0123456789abcdef".repeat(4)}`;
const SHA512 = `sha512:${"0123456789abcdef".repeat(8)}`;

/** The problems and warnings `check` finds in the image given at `image`. */
function imageFindings(image: Record<string, string>): { problems: string[]; warnings: string[] } {
    const settings = { pyos: { image } };
    const check = new SettingsCheck(settings, settings, () => false);
    checkImage(check, "pyos.image");
    return { problems: check.problems, warnings: check.warnings };
}

/** The problems `check` finds in a list of image references. */
function referenceProblems(references: unknown[]): string[] {
    const settings = { imagePrePull: { applications: references } };
    const check = new SettingsCheck(settings, settings, () => false);
    checkImageReferences(check, "imagePrePull.applications");
    return check.problems;
}

describe("image settings", () => {
    // The distribution spec's names: lower-case components, separated by '.', '_', '__' or '-' (one or two), and
    // '/'; the first component may be a registry host with a port.
    const repositories = [
        "memcached",
        "abcdesktopio/oc.nginx",
        "abcdesktopio/oc.nginx.d",
        "my__org/app",
        "my-org/app",
        "rroemhild/test-openldap",
        "registry.example.com:5000/apps/gimp.d",
        "registry.example.com:5000/my__app",
        "registry.example.com:5000/apps/oc.nginx",
        "localhost:5000/app",
    ];
    const registries = [
        "registry.example.com",
        "registry.example.com:5000",
        "registry.example.com/mirror",
        "r.example.com/my__mirror/abc-mirror/",
    ];
    const tags = ["1.1", "3.10", "latest", "_build", "1.6.17-alpine", "A".repeat(128)];

    it("accept what the distribution spec allows", () => {
        for (const repository of repositories) assert.deepEqual(imageFindings({ repository, tag: "1.0" }).problems, [], repository);
        for (const registry of registries)
            assert.deepEqual(imageFindings({ registry, repository: "a/b", tag: "1.0" }).problems, [], registry);
        for (const tag of tags) assert.deepEqual(imageFindings({ repository: "a/b", tag }).problems, [], tag);
        for (const digest of [SHA256, SHA512]) assert.deepEqual(imageFindings({ repository: "a/b", digest }).problems, [], digest);
    });

    it("refuse each field that is not of its form, naming the field", () => {
        const refused: [Record<string, string>, RegExp][] = [
            [{ repository: "Abcdesktopio/oc.nginx" }, /^pyos\.image\.repository: "Abcdesktopio\/oc\.nginx" is not an image repository/],
            [{ repository: "abcdesktopio/oc.nginx:1.0" }, /^pyos\.image\.repository: .* \(lower case, no tag\)$/],
            [{ repository: "abcdesktopio/oc.nginx:latest" }, /^pyos\.image\.repository:/],
            // A port belongs to a registry host, which a path component follows: a number after the last component is a tag.
            [{ repository: "abcdesktopio/oc.nginx:3" }, /^pyos\.image\.repository:/],
            [{ repository: "memcached:1" }, /^pyos\.image\.repository:/],
            [{ repository: "abcdesktopio/oc:5000/nginx" }, /^pyos\.image\.repository:/],
            [{ repository: "abcdesktopio/oc...nginx" }, /^pyos\.image\.repository:/],
            [{ repository: "abcdesktopio//oc.nginx" }, /^pyos\.image\.repository:/],
            [
                { registry: "https://registry.example.com" },
                /^pyos\.image\.registry: "https:\/\/registry\.example\.com" is not a registry host/,
            ],
            [{ registry: "registry example.com" }, /^pyos\.image\.registry:/],
            [{ registry: "registry.example.com/Mirror" }, /^pyos\.image\.registry:/],
            [{ tag: ".1.0" }, /^pyos\.image\.tag: "\.1\.0" is not an image tag/],
            [{ tag: "1.0 beta" }, /^pyos\.image\.tag:/],
            [{ tag: "1.0+build" }, /^pyos\.image\.tag:/],
            [{ tag: "A".repeat(129) }, /^pyos\.image\.tag:/],
            [{ digest: `@${SHA256}` }, /^pyos\.image\.digest: .* is not an image digest/],
            [{ digest: `${SHA256}0` }, /^pyos\.image\.digest:/],
            [{ digest: SHA256.toUpperCase() }, /^pyos\.image\.digest:/],
            [{ digest: `sha512:${SHA256.slice(7)}` }, /^pyos\.image\.digest:/],
        ];
        for (const [fields, message] of refused) {
            const { problems } = imageFindings({ repository: "a/b", tag: "1.0", ...fields });
            assert.equal(problems.length, 1, `${JSON.stringify(fields)}: ${problems.join("; ")}`);
            assert.match(problems[0], message);
        }
    });

    it("need a repository, and a tag or a digest: never an implicit latest", () => {
        assert.deepEqual(imageFindings({ tag: "1.0" }).problems, ["pyos.image.repository: required"]);
        assert.deepEqual(imageFindings({ repository: "a/b" }).problems, [
            "pyos.image: needs a tag or a digest: the package never runs an image with an implicit latest",
        ]);
        assert.deepEqual(imageFindings({ repository: "a/b", digest: SHA256 }).problems, []);
    });

    it("warn about a latest tag given without a digest, and only then", () => {
        assert.match(
            imageFindings({ repository: "a/b", tag: "latest" }).warnings.join("\n"),
            /^pyos\.image\.tag: "latest" moves with every upstream push/,
        );
        assert.deepEqual(imageFindings({ repository: "a/b", tag: "latest", digest: SHA256 }).warnings, []);
        assert.deepEqual(imageFindings({ repository: "a/b", tag: "1.0" }).warnings, []);
        // A latest tag that comes from a default, not from the user, is the release's business.
        const check = new SettingsCheck({ pyos: { image: { repository: "a/b", tag: "latest" } } }, {}, () => false);
        checkImage(check, "pyos.image");
        assert.deepEqual(check.warnings, []);
    });

    it("check nothing where no image is set", () => {
        const check = new SettingsCheck({}, {}, () => false);
        checkImage(check, "pyos.image");
        checkImageReferences(check, "imagePrePull.applications");
        assert.deepEqual([check.problems, check.warnings], [[], []]);
    });

    it("check each reference of a list, naming it by its index and saying every reason", () => {
        assert.deepEqual(referenceProblems(["abcdesktopio/firefox.d:1.0", `ghcr.io/a/b@${SHA256}`, `a/b:1.0@${SHA512}`]), []);
        const problems = referenceProblems(["abcdesktopio/firefox.d:1.0", "Abc/firefox.d", "a/b:.1@sha256:0", "a/b:1.0@sha256:0"]);
        assert.equal(problems.length, 3, problems.join("\n"));
        assert.match(
            problems[0],
            /^imagePrePull\.applications\[1\]: "Abc\/firefox\.d" is not an image reference such as abcdesktopio\/firefox\.d:1\.0: the repository is not lower-case letters, digits and separators; it has no tag or digest \(no implicit latest\)$/,
        );
        assert.match(
            problems[1],
            /^imagePrePull\.applications\[2\]: .*: the tag "\.1" is not a valid tag; the digest is not sha256: and 64 hexadecimal digits$/,
        );
        assert.match(problems[2], /^imagePrePull\.applications\[3\]: .*: the digest is not sha256: and 64 hexadecimal digits$/);
    });

    it("leave entries that are not text to the shape check", () => {
        assert.deepEqual(referenceProblems([42, null, "abcdesktopio/firefox.d:1.0"]), []);
    });
});
