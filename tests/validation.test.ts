// Bad input is refused before anything is registered, with a message naming the setting's path, what was given
// (unless secret) and what is allowed.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AbcdesktopArgs } from "../components/args";
import { AbcdesktopArgsError } from "../components/shared/validation";
import { validateArgs } from "../components/validateArgs";
import { components, evaluateInTestStack } from "./support/platform";

/** Constructs the component under the mock engine; returns the error and how many resources were registered. */
async function attempt(args: AbcdesktopArgs): Promise<{ error: unknown; registered: number }> {
    let error: unknown;
    const evaluation = await evaluateInTestStack(() => {
        const { Abcdesktop } = components();
        try {
            new Abcdesktop("abcdesktop", args);
        } catch (caught) {
            error = caught;
        }
        return {};
    });
    return { error, registered: evaluation.resources.length };
}

const LDAP = { url: "ldap://ldap.example.com", baseDn: "dc=example,dc=com", bindDn: "cn=pyos,dc=example,dc=com", bindPassword: "p" };

/** What is refused, the arguments, and the message each problem must match. */
export const BAD_INPUTS: [string, AbcdesktopArgs, RegExp][] = [
    ["namespace with upper case", { namespace: "AbcDesktop" }, /^namespace: "AbcDesktop" is not a DNS-1123 label/],
    ["namespace too long", { namespace: "a".repeat(64) }, /^namespace: .* is not a DNS-1123 label/],
    ["namespace with a dot", { namespace: "abc.desktop" }, /^namespace: "abc.desktop"/],
    ["cluster domain with a space", { clusterDomain: "cluster local" }, /^clusterDomain: "cluster local" is not a DNS domain/],
    [
        "hostname with a scheme",
        { exposure: { hostname: "https://desktop.example.com" } },
        /^exposure.hostname: "https:\/\/desktop.example.com" is not a host name or IP address \(no scheme, no port\)/,
    ],
    [
        "nodePort below the range",
        { exposure: { nodePort: 80 } },
        /^exposure.nodePort: 80 is not allowed; allowed: an integer from 30000 to 32767/,
    ],
    ["nodePort above the range", { exposure: { nodePort: 40000 } }, /^exposure.nodePort: 40000 .*30000 to 32767/],
    ["nodePort not an integer", { exposure: { nodePort: 30443.5 } }, /^exposure.nodePort: 30443.5/],
    [
        "1024-bit keys, as upstream made them",
        { jwtKeys: { size: 1024 } },
        /^jwtKeys.size: 1024 is not allowed \(keys below 2048 bits are refused\); allowed: 2048, 3072, 4096/,
    ],
    ["odd key size", { jwtKeys: { size: 2500 } }, /^jwtKeys.size: 2500 is not allowed; allowed: 2048, 3072, 4096/],
    [
        "unknown pull policy",
        { registry: { pullPolicy: "Sometimes" as never } },
        /^registry.pullPolicy: "Sometimes" is not allowed; allowed: "Always", "IfNotPresent", "Never"/,
    ],
    [
        "pull policy in the wrong case",
        { pyos: { image: { pullPolicy: "always" as never } } },
        /^pyos.image.pullPolicy: "always" is not allowed; .*\(did you mean "Always"\?\)/,
    ],
    ["image tag with a space", { pyos: { image: { tag: "1.1 beta" } } }, /^pyos.image.tag: "1.1 beta" is not an image tag/],
    [
        "image repository with a tag in it",
        { nginx: { image: { repository: "abcdesktopio/oc.nginx:1.0" } } },
        /^nginx.image.repository: .* no tag/,
    ],
    ["upper-case repository", { mongodb: { image: { repository: "AbcDesktopIO/oc.mongo" } } }, /^mongodb.image.repository/],
    [
        "application image without tag",
        { imagePrePull: { enabled: true, applications: ["abcdesktopio/firefox.d"] } },
        /^imagePrePull.applications\[0\]: "abcdesktopio\/firefox.d" is not an image reference .*no tag or digest \(no implicit latest\)/,
    ],
    [
        "misspelt block key",
        { pyos: { imgae: { tag: "1.1" } } as never },
        /^pyos.imgae: unknown setting; did you mean "image"\? Allowed here: image, resources/,
    ],
    ["misspelt top-level key", { namepsace: "x" } as never, /^namepsace: unknown setting; did you mean "namespace"\?/],
    [
        "registry credentials without password",
        { registry: { credentials: { server: "r.example.com", username: "u" } } },
        /^registry.credentials.password: required: server, username and password go together/,
    ],
    [
        "registry credentials with only a server",
        { registry: { credentials: { server: "r.example.com" } } },
        /^registry.credentials.username: required/,
    ],
    [
        "both credential forms",
        { registry: { credentials: { server: "r.example.com", username: "u", password: "p", dockerConfigJson: '{"auths":{"r":{}}}' } } },
        /^registry.credentials: give either dockerConfigJson or server, username and password, not both/,
    ],
    [
        "docker config that is not JSON",
        { registry: { credentials: { dockerConfigJson: "auths: {}" } } },
        /^registry.credentials.dockerConfigJson: is not valid JSON \(the value is secret and not shown\)/,
    ],
    ["docker config without auths", { registry: { credentials: { dockerConfigJson: "{}" } } }, /non-empty "auths" object/],
    [
        "relative host path",
        { desktop: { homeDirectory: { hostPath: "home/abcdesktop" } } },
        /^desktop.homeDirectory.hostPath: "home\/abcdesktop" is not an absolute path/,
    ],
    [
        "host path escaping with ..",
        { desktop: { homeDirectory: { hostPath: "/srv/../etc" } } },
        /^desktop.homeDirectory.hostPath: .*without '.' or '..'/,
    ],
    [
        "capacity that is not a quantity",
        { desktop: { homeDirectory: { capacity: "ten gigs" } } },
        /^desktop.homeDirectory.capacity: "ten gigs" is not a positive Kubernetes quantity/,
    ],
    [
        "claim larger than the volume",
        { desktop: { homeDirectory: { capacity: "1Gi", request: "3Gi" } } },
        /^desktop.homeDirectory.request: "3Gi" is larger than the volume's capacity "1Gi"/,
    ],
    [
        "unknown home directory type",
        { desktop: { homeDirectory: { type: "nfs" as never } } },
        /^desktop.homeDirectory.type: "nfs" is not allowed; allowed: "volume", "persistentVolumeClaim"/,
    ],
    [
        "unknown access mode",
        { desktop: { homeDirectory: { accessMode: "ReadWriteAll" as never } } },
        /^desktop.homeDirectory.accessMode: "ReadWriteAll" is not allowed/,
    ],
    [
        "MongoDB size in bad units",
        { mongodb: { storage: { size: "2GB" } } },
        /^mongodb.storage.size: "2GB" is not a positive Kubernetes quantity/,
    ],
    [
        "short MongoDB password",
        { mongodb: { rootPassword: "short" } },
        /^mongodb.rootPassword: must be at least 16 characters .*\(the value is secret and not shown\)/,
    ],
    [
        "MongoDB password with shell quotes",
        { mongodb: { pyosPassword: "it's-a-long-password" } },
        /^mongodb.pyosPassword: must be at least 16 characters/,
    ],
    ["LDAP URL with http", { auth: { ldap: { ...LDAP, url: "http://ldap" } } }, /^auth.ldap.url: "http:\/\/ldap" is not an LDAP URL/],
    [
        "LDAP base DN that is not a DN",
        { auth: { ldap: { ...LDAP, baseDn: "example.com" } } },
        /^auth.ldap.baseDn: "example.com" is not a distinguished name/,
    ],
    [
        "LDAP with an empty bind password",
        { auth: { ldap: { ...LDAP, bindPassword: "" } } },
        /^auth.ldap.bindPassword: required when auth.ldap is set/,
    ],
    [
        "LDAP without its base DN",
        { auth: { ldap: { url: LDAP.url, bindDn: LDAP.bindDn, bindPassword: "p" } as never } },
        /^auth.ldap.baseDn: required when auth.ldap is set/,
    ],
    ["no way to log in", { auth: { anonymous: false } }, /^auth.anonymous: false leaves no way to log in/],
    [
        "boolean given as text",
        { desktop: { printer: { enabled: "yes" as never } } },
        /^desktop.printer.enabled: expected true or false; got "yes"/,
    ],
    ["a block given as text", { pyos: "1.1" as never }, /^pyos: expected an object with image, resources, .*; got "1.1"/],
    [
        "a list given as text",
        { imagePrePull: { applications: "abcdesktopio/firefox.d:1.0" as never } },
        /^imagePrePull.applications: expected a list; got/,
    ],
    [
        "CPU request above its limit",
        { pyos: { resources: { requests: { cpu: "3" }, limits: { cpu: "2" } } } },
        /^pyos.resources.requests.cpu: "3" is above the limit "2"; a request may not exceed its limit/,
    ],
    [
        "memory limit below the default request",
        { nginx: { resources: { limits: { memory: "32Mi" } } } },
        /^nginx.resources.requests.memory: "64Mi" is above the limit "32Mi"/,
    ],
    [
        "CPU in bad units",
        { memcached: { resources: { limits: { cpu: "2 cores" } } } },
        /^memcached.resources.limits.cpu: "2 cores" is not a positive CPU quantity/,
    ],
    [
        "resources of an unknown kind",
        { pyos: { resources: { limit: { cpu: "1" } } } as never },
        /^pyos.resources.limit: unknown setting; did you mean "limits"\?/,
    ],
    ["negative key rotation", { jwtKeys: { rotation: -1 } }, /^jwtKeys.rotation: -1 is not allowed; allowed: a whole number from 0/],
    [
        "od.config override spanning lines",
        { pyos: { odConfigOverrides: { "desktop.policies": "{\n}" } } },
        /^pyos.odConfigOverrides\["desktop.policies"\]: .* one line/,
    ],
    [
        "od.config override with a bad key",
        { pyos: { odConfigOverrides: { "desktop policies": "True" } } },
        /^pyos.odConfigOverrides\["desktop policies"\]: "desktop policies" is not an od.config key/,
    ],
    [
        "a setting of 0.1, named with its new place",
        { images: { pyos: { tag: "1.1" } }, nodePort: 30444 } as never,
        /^images: renamed in 0.2.0: images.pyos.tag is now pyos.image.tag/,
    ],
    [
        "a MongoDB setting of 0.1",
        { mongodb: { storageSize: "5Gi" } } as never,
        /^mongodb.storageSize: renamed in 0.2.0: mongodb.storageSize is now mongodb.storage.size/,
    ],
];

describe("bad input", () => {
    for (const [what, args, message] of BAD_INPUTS) {
        it(`refuses ${what}`, () => {
            const { problems } = validateArgs(args);
            assert.ok(
                problems.some((problem) => message.test(problem)),
                `expected a problem matching ${message}, got:\n${problems.join("\n")}`,
            );
        });
    }

    it("refuses before registering anything, the component included, reporting every problem at once", async () => {
        const { error, registered } = await attempt({ namespace: "Bad_NS", exposure: { nodePort: 1 }, jwtKeys: { size: 1024 } });
        assert.ok(error instanceof AbcdesktopArgsError, String(error));
        assert.deepEqual(
            error.problems.map((p) => p.split(":")[0]),
            ["namespace", "exposure.nodePort", "jwtKeys.size"],
        );
        assert.equal(registered, 0, "no resource may be registered");
    });

    it("names both moves of one old key in one problem", () => {
        const { problems } = validateArgs({ nodePort: 30444, jwtKeySize: 4096 } as never);
        assert.deepEqual(problems, [
            'nodePort: renamed in 0.2.0: nodePort is now exposure.nodePort (see CHANGELOG.md, "Migrating from 0.1")',
            'jwtKeySize: renamed in 0.2.0: jwtKeySize is now jwtKeys.size (see CHANGELOG.md, "Migrating from 0.1")',
        ]);
    });

    it("refuses a second instance on a NodePort the first already uses, before registering it", async () => {
        let error: unknown;
        const evaluation = await evaluateInTestStack(() => {
            const { Abcdesktop } = components();
            new Abcdesktop("first", { namespace: "first" });
            try {
                new Abcdesktop("second", { namespace: "second" });
            } catch (caught) {
                error = caught;
            }
            return {};
        });
        assert.ok(error instanceof AbcdesktopArgsError);
        assert.match(
            error.message,
            /exposure.nodePort: 30443 is already used by instance "first" on the same cluster; give "second" another port from 30000 to 32767/,
        );
        assert.ok(!evaluation.resources.some((r) => r.name.startsWith("second")), "nothing of the second instance is registered");
    });

    it("accepts the defaults and registers the platform", async () => {
        const { error, registered } = await attempt({});
        assert.equal(error, undefined);
        assert.ok(registered > 30);
    });
});
