// Bad input is refused before anything is registered, with a message naming the setting and what is allowed.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AbcdesktopArgs } from "../components/args";
import { AbcdesktopArgsError } from "../components/validation";
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

const BAD_INPUTS: [string, AbcdesktopArgs, RegExp][] = [
    ["namespace with upper case", { namespace: "AbcDesktop" }, /namespace: "AbcDesktop" is not a DNS-1123 label/],
    ["namespace too long", { namespace: "a".repeat(64) }, /namespace: .* is not a DNS-1123 label/],
    ["namespace with a dot", { namespace: "abc.desktop" }, /namespace: "abc.desktop"/],
    ["cluster domain with a space", { clusterDomain: "cluster local" }, /clusterDomain: "cluster local" is not a DNS domain/],
    [
        "public hostname with a scheme",
        { publicHostname: "https://desktop.example.com" },
        /publicHostname: "https:\/\/desktop.example.com" is not a host name or IP address \(no scheme, no port\)/,
    ],
    ["nodePort below the range", { nodePort: 80 }, /nodePort: 80 is outside the NodePort range; allowed: an integer from 30000 to 32767/],
    ["nodePort above the range", { nodePort: 40000 }, /nodePort: 40000 .*30000 to 32767/],
    ["nodePort not an integer", { nodePort: 30443.5 }, /nodePort: 30443.5/],
    [
        "1024-bit keys, as upstream made them",
        { jwtKeySize: 1024 },
        /jwtKeySize: 1024 is not allowed \(keys below 2048 bits are refused\); allowed: 2048, 3072, 4096/,
    ],
    ["odd key size", { jwtKeySize: 2500 }, /jwtKeySize: 2500 is not allowed; allowed: 2048, 3072, 4096/],
    [
        "unknown pull policy",
        { images: { pullPolicy: "Sometimes" } },
        /images.pullPolicy: "Sometimes" is not allowed; allowed: "Always", "IfNotPresent", "Never"/,
    ],
    ["image tag with a space", { images: { pyos: { tag: "1.1 beta" } } }, /images.pyos.tag: "1.1 beta" is not an image tag/],
    [
        "image repository with a tag in it",
        { images: { nginx: { repository: "abcdesktopio/oc.nginx:1.0" } } },
        /images.nginx.repository: .* no tag/,
    ],
    ["upper-case repository", { images: { mongodb: { repository: "AbcDesktopIO/oc.mongo" } } }, /images.mongodb.repository/],
    [
        "application image without tag",
        { images: { applications: [{ repository: "abcdesktopio/firefox.d" }] } },
        /images.applications\[0\].tag: required .*no implicit latest/,
    ],
    ["misspelt image key", { images: { ngnix: { tag: "1.0" } } as never }, /images.ngnix: unknown setting; allowed here: .*nginx/],
    ["misspelt top-level key", { nodeport: 30443 } as never, /nodeport: unknown setting; allowed here: .*nodePort/],
    [
        "registry credentials without password",
        { registryCredentials: { server: "r.example.com", username: "u" } },
        /registryCredentials: password missing/,
    ],
    [
        "registry credentials with only a server",
        { registryCredentials: { server: "r.example.com" } },
        /registryCredentials: username, password missing/,
    ],
    [
        "both credential forms",
        { registryCredentials: { server: "r.example.com", username: "u", password: "p", dockerConfigJson: '{"auths":{"r":{}}}' } },
        /either dockerConfigJson or server\/username\/password, not both/,
    ],
    ["docker config that is not JSON", { registryCredentials: { dockerConfigJson: "auths: {}" } }, /dockerConfigJson: is not valid JSON/],
    ["docker config without auths", { registryCredentials: { dockerConfigJson: "{}" } }, /non-empty "auths" object/],
    [
        "relative host path",
        { homeDirectory: { hostPath: "home/abcdesktop" } },
        /homeDirectory.hostPath: "home\/abcdesktop" is not an absolute path/,
    ],
    ["host path escaping with ..", { homeDirectory: { hostPath: "/srv/../etc" } }, /homeDirectory.hostPath/],
    [
        "capacity that is not a quantity",
        { homeDirectory: { capacity: "ten gigs" } },
        /homeDirectory.capacity: "ten gigs" is not a positive Kubernetes quantity/,
    ],
    [
        "claim larger than the volume",
        { homeDirectory: { capacity: "1Gi", request: "3Gi" } },
        /homeDirectory.request: "3Gi" is larger than the volume's capacity "1Gi"/,
    ],
    [
        "unknown home directory type",
        { homeDirectory: { type: "nfs" } },
        /homeDirectory.type: "nfs" is not allowed; allowed: "volume", "persistentVolumeClaim"/,
    ],
    ["unknown access mode", { homeDirectory: { accessMode: "ReadWriteAll" } }, /homeDirectory.accessMode: "ReadWriteAll" is not allowed/],
    ["MongoDB size in bad units", { mongodb: { storageSize: "2GB" } }, /mongodb.storageSize: "2GB" is not a positive Kubernetes quantity/],
    [
        "short MongoDB password",
        { mongodb: { rootPassword: "short" } },
        /mongodb.rootPassword: must be at least 16 characters .*\(the value is secret and not shown\)/,
    ],
    [
        "MongoDB password with shell quotes",
        { mongodb: { pyosPassword: "it's-a-long-password" } },
        /mongodb.pyosPassword: must be at least 16 characters/,
    ],
    [
        "LDAP URL with http",
        { auth: { ldap: { url: "http://ldap", baseDn: "dc=x", bindDn: "cn=a,dc=x", bindPassword: "p" } } },
        /auth.ldap.url: "http:\/\/ldap" is not an LDAP URL/,
    ],
    [
        "LDAP base DN that is not a DN",
        { auth: { ldap: { url: "ldap://ldap", baseDn: "example.com", bindDn: "cn=a,dc=x", bindPassword: "p" } } },
        /auth.ldap.baseDn: "example.com" is not a distinguished name/,
    ],
    [
        "LDAP without bind password",
        { auth: { ldap: { url: "ldap://ldap", baseDn: "dc=x", bindDn: "cn=a,dc=x", bindPassword: "" } } },
        /auth.ldap.bindPassword: required/,
    ],
    ["no way to log in", { auth: { anonymous: false } }, /auth.anonymous: false leaves no way to log in/],
    ["boolean given as text", { printing: "yes" as never }, /printing: "yes" is not allowed; allowed: true, false/],
    [
        "CPU request above its limit",
        { resources: { pyos: { cpuRequest: "3", cpuLimit: "2" } } },
        /resources.pyos.cpuRequest: "3" is above the limit "2"; a request may not exceed its limit/,
    ],
    [
        "memory limit below the default request",
        { resources: { nginx: { memoryLimit: "32Mi" } } },
        /resources.nginx.memoryRequest: "64Mi" is above the limit "32Mi"/,
    ],
    [
        "CPU in bad units",
        { resources: { memcached: { cpuLimit: "2 cores" } } },
        /resources.memcached.cpuLimit: "2 cores" is not a positive CPU quantity/,
    ],
    [
        "resources of an unknown container",
        { resources: { redis: { cpuLimit: "1" } } } as never,
        /resources.redis: unknown setting; allowed here: nginx, pyos, mongodb, memcached, speedtest, openldap/,
    ],
    ["negative key rotation", { jwtKeyRotation: -1 }, /jwtKeyRotation: -1 is not allowed; allowed: a whole number from 0/],
    [
        "od.config override spanning lines",
        { odConfigOverrides: { "desktop.policies": "{\n}" } },
        /odConfigOverrides.desktop.policies: .* one line/,
    ],
    [
        "od.config override with a bad key",
        { odConfigOverrides: { "desktop policies": "True" } },
        /odConfigOverrides: key "desktop policies" is not an od.config key/,
    ],
];

describe("bad input", () => {
    for (const [what, args, message] of BAD_INPUTS) {
        it(`refuses ${what}, registering nothing`, async () => {
            const { error, registered } = await attempt(args);
            assert.ok(error instanceof AbcdesktopArgsError, `expected AbcdesktopArgsError, got ${String(error)}`);
            assert.match(error.message, message);
            assert.equal(registered, 0, "no resource may be registered");
        });
    }

    it("reports every problem at once", async () => {
        const { error } = await attempt({ namespace: "Bad_NS", nodePort: 1, jwtKeySize: 1024 });
        assert.ok(error instanceof AbcdesktopArgsError);
        assert.equal(error.problems.length, 3);
        assert.deepEqual(
            error.problems.map((p) => p.split(":")[0]),
            ["namespace", "nodePort", "jwtKeySize"],
        );
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
            /nodePort: 30443 is already used by instance "first" on the same cluster; give "second" another port from 30000 to 32767/,
        );
        assert.ok(!evaluation.resources.some((r) => r.name.startsWith("second")), "nothing of the second instance is registered");
    });

    it("accepts the defaults and registers the platform", async () => {
        const { error, registered } = await attempt({});
        assert.equal(error, undefined);
        assert.ok(registered > 30);
    });
});
