// Bad input is refused before anything is registered, with a message naming the setting's path, what was given
// (unless secret) and what is allowed.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
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
        "no time to become ready",
        { readinessTimeoutSeconds: 0 },
        /^readinessTimeoutSeconds: 0 is not allowed; allowed: a whole number of seconds from 1 to 86400 \(a day\)/,
    ],
    ["a readiness wait in fractions of a second", { readinessTimeoutSeconds: 90.5 }, /^readinessTimeoutSeconds: 90.5 is not allowed/],
    ["a readiness wait of more than a day", { readinessTimeoutSeconds: 86_401 }, /^readinessTimeoutSeconds: 86401 is not allowed/],
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
        "an unknown exposure type",
        { exposure: { type: "nodeport" as never } },
        /^exposure.type: "nodeport" is not allowed; allowed: "nodePort", "loadBalancer", "ingress", "gateway" \(did you mean "nodePort"\?\)/,
    ],
    [
        "an ingress without a host name",
        { exposure: { type: "ingress" } },
        /^exposure.hostname: required with exposure.type "ingress": the host name users open/,
    ],
    [
        "a gateway for an IP address",
        { exposure: { type: "gateway", hostname: "192.168.1.20" } },
        /^exposure.hostname: "192.168.1.20" is not a DNS name such as desk.example.com with exposure.type "gateway"/,
    ],
    [
        "a nodePort with an ingress",
        { exposure: { type: "ingress", hostname: "desk.example.com", nodePort: 30444 } },
        /^exposure.nodePort: 30444 is a setting of exposure.type "nodePort", and exposure.type is "ingress"/,
    ],
    [
        "an IngressClass with a NodePort",
        { exposure: { className: "traefik" } },
        /^exposure.className: "traefik" is a setting of exposure.type "ingress" and "gateway", and exposure.type is "nodePort"/,
    ],
    [
        "both a TLS Secret and an issuer",
        { exposure: { type: "ingress", hostname: "desk.example.com", tls: { secretName: "desk-tls", issuer: "letsencrypt" } } },
        /^exposure.tls: secretName "desk-tls" and issuer "letsencrypt" are both given; allowed: one of them/,
    ],
    [
        "TLS in 1.0's nginx",
        { exposure: { tls: { secretName: "desk-tls", inRouter: true }, hostname: "desk.example.com" } },
        /^exposure.tls.inRouter: true is a setting of release "4.4", whose router terminates TLS, and release is "1.0"/,
    ],
    [
        "TLS in the router behind an ingress",
        { release: "4.4", exposure: { type: "ingress", hostname: "desk.example.com", tls: { secretName: "desk-tls", inRouter: true } } },
        /^exposure.tls.inRouter: true is not allowed with exposure.type "ingress", whose controller terminates TLS/,
    ],
    [
        "a route timeout that is not a Gateway API duration",
        { exposure: { type: "gateway", hostname: "desk.example.com", gateway: { requestTimeout: "1 hour" } } },
        /^exposure.gateway.requestTimeout: "1 hour" is not a Gateway API duration such as 0s, 90s or 1h/,
    ],
    [
        "an OAuth login over plain HTTP",
        {
            release: "4.4",
            auth: {
                oauth: {
                    google: {
                        displayName: "Google",
                        clientId: "id",
                        clientSecret: "secret",
                        scope: ["openid"],
                        authorizationUrl: "https://accounts.google.com/o/oauth2/v2/auth",
                        tokenUrl: "https://oauth2.googleapis.com/token",
                        userinfoUrl: "https://openidconnect.googleapis.com/v1/userinfo",
                    },
                },
            },
        },
        /^auth.oauth: needs the platform served over HTTPS, and it is served at http:\/\/localhost:30443\/; allowed: with exposure.tls.secretName or exposure.tls.issuer/,
    ],
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
        "home directories at the node's root",
        { desktop: { homeDirectory: { hostPath: "/" } } },
        /^desktop.homeDirectory.hostPath: "\/" is the node's root: desktops would read and write the node itself/,
    ],
    ["home directories at the root, written another way", { desktop: { homeDirectory: { hostPath: "//" } } }, /is the node's root/],
    [
        "home directories in /etc",
        { desktop: { homeDirectory: { hostPath: "/etc/abcdesktop" } } },
        /is the node's system directory \/etc\/abcdesktop/,
    ],
    [
        "home directories in the kubelet's folder",
        { desktop: { homeDirectory: { hostPath: "/var/lib/kubelet/pods/x" } } },
        /system directory/,
    ],
    [
        "a namespace every cluster has, created",
        { namespace: "kube-system" },
        /^namespace: "kube-system" exists in every cluster: with createNamespace true the stack would claim it \(and delete it on destroy\); set createNamespace: false/,
    ],
    ["the default namespace, created", { namespace: "default" }, /^namespace: "default" exists in every cluster/],
    [
        "an MongoDB class left empty",
        { mongodb: { storage: { className: "" } } },
        /^mongodb.storage.className: is empty; leave it out for the cluster's default StorageClass/,
    ],
    ["a digest that is not one", { pyos: { image: { digest: "sha256:abc" } } }, /^pyos.image.digest: "sha256:abc" is not an image digest/],
    [
        "an application pinned by a bad digest",
        { imagePrePull: { enabled: true, applications: ["abcdesktopio/firefox.d@sha256:xyz"] } },
        /the digest is not sha256: and 64 hexadecimal digits/,
    ],
    [
        "an Output where a plain value decides what is created",
        { openldap: { enabled: pulumi.output(true) as never } },
        /^openldap.enabled: must be a plain value, not an Output: it decides which objects are created/,
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
    ["a release that is not one", { release: "4.3" as never }, /^release: "4.3" is not allowed; allowed: "1\.0", "4\.4"/],
    ["a 4.4 block in release 1.0", { router: { replicas: 2 } }, /^router: is a block of release "4\.4", and release is "1\.0"/],
    [
        "the 1.0 front end in release 4.4",
        { release: "4.4", nginx: { image: { tag: "1.1" } } },
        /^nginx: is a block of release "1\.0", and release is "4\.4"/,
    ],
    [
        "pyos replicas in release 1.0, whose pyos is a DaemonSet",
        { pyos: { replicas: 2 } },
        /^pyos.replicas: is a setting of release "4\.4", and release is "1\.0"/,
    ],
    [
        "pyos 1.x's Docker socket in release 4.4",
        { release: "4.4", pyos: { mountDockerSocket: false } },
        /^pyos.mountDockerSocket: is a setting of release "1\.0"/,
    ],
    [
        "home directories on the node in release 1.0",
        { desktop: { homeDirectory: { type: "hostPath" } } },
        /^desktop.homeDirectory.type: "hostPath" is a home directory type of release "4\.4"/,
    ],
    ["a filer in release 1.0", { desktop: { filer: { enabled: false } } }, /^desktop.filer: is a setting of release "4\.4"/],
    [
        "an autoscaler that may not scale",
        { release: "4.4", router: { autoscaling: { enabled: true, minReplicas: 5, maxReplicas: 2 } } },
        /^router.autoscaling.minReplicas: 5 is more than router.autoscaling.maxReplicas \(2\)/,
    ],
    ["no replicas", { release: "4.4", website: { replicas: 0 } }, /^website.replicas: 0 is not allowed; allowed: an integer from 1 to 100/],
    [
        "a CPU target over 100 percent",
        { release: "4.4", pyos: { autoscaling: { enabled: true, targetCpuUtilization: 150 } } },
        /^pyos.autoscaling.targetCpuUtilization: 150 is not allowed/,
    ],
    [
        "a console list that is not a URL",
        { release: "4.4", console: { applicationsListUrl: "apps.json" } },
        /^console.applicationsListUrl: "apps.json" is not an http:\/\/ or https:\/\/ URL/,
    ],
    [
        "a short manager API key",
        { release: "4.4", pyos: { managerApiKey: "short" } },
        /^pyos.managerApiKey: must be at least 16 printable characters.*not shown/,
    ],
    ["OAuth in release 1.0", { auth: { oauth: {} } } as never, /^auth.oauth: is a setting of release "4\.4"/],
    [
        "an OAuth provider over plain HTTP, without its secret",
        {
            release: "4.4",
            auth: {
                oauth: {
                    google: {
                        displayName: "Google",
                        clientId: "id",
                        clientSecret: "",
                        scope: ["openid"],
                        authorizationUrl: "http://accounts.example.com/auth",
                        tokenUrl: "https://accounts.example.com/token",
                        userinfoUrl: "https://accounts.example.com/userinfo",
                    },
                },
            },
        },
        /^auth.oauth.google.authorizationUrl: "http:\/\/accounts.example.com\/auth" is not an https:\/\/ URL/,
    ],
    [
        "an OAuth provider without its client secret",
        {
            release: "4.4",
            auth: {
                oauth: {
                    google: {
                        displayName: "Google",
                        clientId: "id",
                        clientSecret: "",
                        scope: ["openid"],
                        authorizationUrl: "https://a.example.com",
                        tokenUrl: "https://a.example.com/t",
                        userinfoUrl: "https://a.example.com/u",
                    },
                },
            },
        },
        /^auth.oauth.google.clientSecret: required for every OAuth provider/,
    ],
    [
        "a toleration operator that is not one",
        { release: "4.4", desktop: { tolerations: [{ key: "gpu", operator: "Is" }] } },
        /^desktop.tolerations\[0\].operator: "Is" is not allowed; allowed: "Equal", "Exists"/,
    ],
    [
        "an OAuth provider name that cannot be an environment variable",
        {
            release: "4.4",
            auth: {
                oauth: {
                    "my-idp": {
                        displayName: "IdP",
                        clientId: "id",
                        clientSecret: "s",
                        scope: ["openid"],
                        authorizationUrl: "https://idp.example.com/auth",
                        tokenUrl: "https://idp.example.com/token",
                        userinfoUrl: "https://idp.example.com/userinfo",
                    },
                },
            },
        },
        /^auth.oauth\["my-idp"\]: "my-idp" is not a provider name/,
    ],
    [
        "a toleration that is not one",
        { release: "4.4", desktop: { tolerations: [{ key: "gpu", operator: "Is", effect: "NoRun" }] } },
        /^desktop.tolerations\[0\].effect: "NoRun" is not allowed; allowed: "NoSchedule", "PreferNoSchedule", "NoExecute"/,
    ],
    [
        "a node selector key that is not a label",
        { release: "4.4", desktop: { nodeSelector: { "bad key": "x" } } },
        /^desktop.nodeSelector\["bad key"\]: "bad key" is not a label key/,
    ],
    [
        "a pod security level release 1.0's pyos does not pass",
        { podSecurity: "baseline" },
        /^podSecurity: "baseline" refuses release 1.0's daemonset-pyos, which mounts the node's Docker socket \(hostPath volume node-run\)/,
    ],
    [
        "a pod security level on a namespace the stack does not create",
        { release: "4.4", namespace: "team", createNamespace: false, podSecurity: "baseline" },
        /^podSecurity: "baseline" labels the namespace the stack creates, and createNamespace is false/,
    ],
    [
        "a pod security level release 4.4's user pods do not pass with home directories on the node",
        { release: "4.4", podSecurity: "baseline", desktop: { homeDirectory: { type: "hostPath" } } },
        /^podSecurity: "baseline" refuses the user pods pyos starts with desktop.homeDirectory.type "hostPath", which mount the node's "\/var\/lib\/abcdesktop\/home" \(a hostPath volume\); set podSecurity "privileged"/,
    ],
    ["the restricted pod security level", { release: "4.4", podSecurity: "restricted" as "baseline" }, /^podSecurity: "restricted"/],
];

const DIGEST = `sha256:${"0123456789abcdef".repeat(4)}`;

/** Settings that have no effect given the rest: accepted, with a warning naming why. */
const NO_EFFECT: [string, AbcdesktopArgs, RegExp][] = [
    [
        "application images without the pre-pull",
        { imagePrePull: { applications: ["abcdesktopio/firefox.d:1.0"] } },
        /^imagePrePull.applications: has no effect unless imagePrePull.enabled is true/,
    ],
    [
        "a printer image without printing",
        { desktop: { printer: { image: { tag: "1.1" } } } },
        /^desktop.printer.image: has no effect unless desktop.printer.enabled is true/,
    ],
    [
        "a sound image without sound",
        { desktop: { sound: { image: { tag: "1.1" } } } },
        /^desktop.sound.image: has no effect unless desktop.sound.enabled is true/,
    ],
    [
        "a demo directory's image without the demo directory",
        { openldap: { image: { tag: "2.2" } } },
        /^openldap.image: has no effect unless openldap.enabled is true/,
    ],
    [
        "the demo directory beside an LDAP directory of one's own",
        {
            openldap: { enabled: true },
            auth: { ldap: { url: "ldap://ldap.example.com", baseDn: "dc=x", bindDn: "cn=a,dc=x", bindPassword: "p" } },
        },
        /^openldap.enabled: deploys the demo directory, but users log in with auth.ldap/,
    ],
    [
        "one MongoDB password without the other",
        { mongodb: { rootPassword: "only-the-root-password-0123" } },
        /^mongodb.rootPassword: is set but mongodb.pyosPassword is not: re-attaching to retained data needs both/,
    ],
    ["a floating tag", { pyos: { image: { tag: "latest" } } }, /^pyos.image.tag: "latest" moves with every upstream push/],
];

describe("settings that have no effect given the rest", () => {
    for (const [what, args, message] of NO_EFFECT) {
        it(`accepts ${what}, warning about it`, () => {
            const { problems, warnings } = validateArgs(args);
            assert.deepEqual(problems, []);
            assert.ok(
                warnings.some((w) => message.test(w)),
                `expected a warning matching ${message}, got:\n${warnings.join("\n")}`,
            );
        });
    }
    it("warns about nothing for the defaults and the committed stacks' settings", () => {
        assert.deepEqual(validateArgs({}).warnings, []);
        assert.deepEqual(
            validateArgs({
                openldap: { enabled: true },
                imagePrePull: { enabled: true },
                desktop: { printer: { enabled: true }, sound: { enabled: true } },
            }).warnings,
            [],
        );
    });
});

describe("what production pins and platform teams write", () => {
    it("accepts images pinned by a digest, with or without a tag", () => {
        for (const image of [{ digest: DIGEST }, { tag: "1.1", digest: DIGEST }]) {
            assert.deepEqual(validateArgs({ pyos: { image } }).problems, [], JSON.stringify(image));
        }
        assert.deepEqual(
            validateArgs({
                imagePrePull: { enabled: true, applications: [`abcdesktopio/firefox.d@${DIGEST}`, `ghcr.io/x/y:1.0@${DIGEST}`] },
            }).problems,
            [],
        );
    });

    it("accepts an existing namespace every cluster has when told not to create it", () => {
        assert.deepEqual(validateArgs({ namespace: "default", createNamespace: false }).problems, []);
    });
});

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
