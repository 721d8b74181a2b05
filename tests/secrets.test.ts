// Every secret value is a Pulumi secret from the moment it exists, and none reaches a non-Secret object or output.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import type { Abcdesktop } from "../components";
import type { JwtKeys } from "../components/jwtKeys/jwtKeys";
import type { Mongodb } from "../components/mongodb/mongodb";
import { ProgramEvaluation } from "../components/render/evaluateProgram";
import { kubernetesManifests } from "../components/render/manifests";
import { isSecretWrapper, unwrapSecrets } from "../components/testing/mocks";
import { render } from "./support/render";
import { components, evaluateInTestStack } from "./support/platform";

const REGISTRY_PASSWORD = "registry-token-7f3a9c";
const LDAP_PASSWORD = "ldap-bind-5e2d8b";

function isSecret(output: pulumi.Output<unknown>): Promise<boolean> {
    return pulumi.isSecret(output);
}

/** Every string leaf of a value. */
function strings(value: unknown): string[] {
    if (typeof value === "string") return [value];
    if (Array.isArray(value)) return value.flatMap(strings);
    if (typeof value === "object" && value !== null) return Object.values(value).flatMap(strings);
    return [];
}

/** True when every string leaf of the value sits inside a secret wrapper. */
function allLeavesSecret(value: unknown, inside = false): boolean {
    if (isSecretWrapper(value)) return allLeavesSecret(value.value, true);
    if (typeof value === "string") return inside;
    if (Array.isArray(value)) return value.every((v) => allLeavesSecret(v, inside));
    if (typeof value === "object" && value !== null) return Object.values(value).every((v) => allLeavesSecret(v, inside));
    return true;
}

describe("secrets", () => {
    let platform: Abcdesktop;
    let jwtKeys: JwtKeys;
    let mongodb: Mongodb;
    let evaluation: ProgramEvaluation;
    /** The options each tls key and random password was registered with. */
    const providerOptions = new Map<string, pulumi.CustomResourceOptions>();
    before(async () => {
        evaluation = await evaluateInTestStack(() => {
            const { Abcdesktop } = components();
            // The children that hold secret material, as the SDK constructed them.
            const keep: pulumi.ResourceTransformation = ({ resource, type, name, opts }) => {
                if (type === "abcdesktop:index:JwtKeys") jwtKeys = resource as JwtKeys;
                if (type === "abcdesktop:index:Mongodb") mongodb = resource as Mongodb;
                if (type.startsWith("tls:") || type.startsWith("random:"))
                    providerOptions.set(`${type} ${name}`, opts as pulumi.CustomResourceOptions);
                return undefined;
            };
            platform = new Abcdesktop(
                "abcdesktop",
                {
                    registry: {
                        credentials: { server: "registry.example.com", username: "deploy", password: pulumi.secret(REGISTRY_PASSWORD) },
                    },
                    auth: {
                        ldap: {
                            url: "ldaps://ldap.example.com",
                            baseDn: "dc=example,dc=com",
                            bindDn: "cn=pyos,dc=example,dc=com",
                            bindPassword: pulumi.secret(LDAP_PASSWORD),
                        },
                    },
                },
                { transformations: [keep] },
            );
            return {};
        });
    });

    it("asks the providers to keep every form of every public key secret in the state (mocks cannot show the state)", () => {
        const keys = [...providerOptions].filter(([key]) => key.startsWith("tls:index/privateKey:PrivateKey"));
        assert.equal(keys.length, 3);
        for (const [key, opts] of keys) {
            // The tls SDK adds the private forms itself; upstream asks to keep even the payload public key private.
            const secretOutputs = opts.additionalSecretOutputs ?? [];
            for (const output of [
                "privateKeyPem",
                "publicKeyPem",
                "publicKeyOpenssh",
                "publicKeyFingerprintMd5",
                "publicKeyFingerprintSha256",
            ]) {
                assert.ok(secretOutputs.includes(output), `${key}: ${output} is not kept secret (${secretOutputs.join(", ")})`);
            }
        }
    });

    it("marks every private key, public key, password and the MongoDB URL secret in the child components' outputs", async () => {
        for (const [pair, material] of Object.entries(jwtKeys.material)) {
            assert.ok(await isSecret(material.privateKeyPem), `${pair} private key`);
            assert.ok(await isSecret(material.publicKeyPem), `${pair} public key`);
        }
        for (const value of [mongodb.rootPassword, mongodb.pyosPassword, mongodb.url]) {
            assert.ok(await isSecret(value));
        }
    });

    it("passes every Secret's data to Kubernetes as Pulumi secrets", () => {
        const secrets = evaluation.resources.filter((r) => r.type === "kubernetes:core/v1:Secret");
        assert.equal(secrets.length, 6, "three key pairs, MongoDB, LDAP bind and registry");
        for (const secret of secrets) {
            assert.ok(allLeavesSecret(secret.inputs.stringData), `${secret.name}: every value secret`);
        }
    });

    it("keeps secret values out of every other object, outputs included", () => {
        const secretTexts = kubernetesManifests(evaluation.resources, true)
            .filter((m) => m.kind === "Secret")
            .flatMap((m) => strings(m.stringData))
            .filter((text) => text.length >= 16);
        secretTexts.push(REGISTRY_PASSWORD, LDAP_PASSWORD, Buffer.from(`deploy:${REGISTRY_PASSWORD}`).toString("base64"));
        for (const resource of evaluation.resources.filter(
            (r) => r.type !== "kubernetes:core/v1:Secret" && r.type.startsWith("kubernetes:"),
        )) {
            const texts = strings(unwrapSecrets(resource.inputs));
            for (const secret of secretTexts) {
                assert.ok(!texts.some((text) => text.includes(secret)), `${resource.name} holds a secret value`);
            }
            assert.ok(
                !JSON.stringify(resource.inputs).includes("4dabf18193072939515e22adb298388d"),
                `${resource.name} has a secret field, which would hide it in previews`,
            );
        }
    });

    it("exposes names, not values, as outputs", async () => {
        for (const output of [platform.secretNames, platform.serviceNames, platform.url, platform.namespace]) {
            assert.equal(await isSecret(output as pulumi.Output<unknown>), false);
        }
    });

    it("prints no secret in `render` without --show-secrets, even secrets given on the command line", async () => {
        const result = await render([
            "--stack",
            "dev",
            "--path",
            "--config",
            "registry.credentials.server=registry.example.com",
            "--config",
            "registry.credentials.username=deploy",
            "--secret",
            `registry.credentials.password=${REGISTRY_PASSWORD}`,
            "--config",
            "auth.ldap.url=ldaps://ldap.example.com",
            "--config",
            "auth.ldap.baseDn=dc=example,dc=com",
            "--config",
            "auth.ldap.bindDn=cn=pyos,dc=example,dc=com",
            "--secret",
            `auth.ldap.bindPassword=${LDAP_PASSWORD}`,
        ]);
        assert.equal(result.code, 0, result.stderr);
        for (const forbidden of [
            REGISTRY_PASSWORD,
            LDAP_PASSWORD,
            Buffer.from(`deploy:${REGISTRY_PASSWORD}`).toString("base64"),
            "PRIVATE KEY",
            "PUBLIC KEY",
            "mongodb://pyos:",
        ]) {
            assert.ok(!result.stdout.includes(forbidden), `render printed ${forbidden}`);
        }
        assert.match(result.stdout, /name: abcdesktopregistrysecret/);
    });
});

describe("secret generators", () => {
    // The engine encrypts secret outputs, never resource IDs: a generator whose ID is its value puts it in clear text
    // in `pulumi stack export` (tests/e2e/faults.e2e.ts found MongoDB's keyfile there).
    const VALUE_AS_ID = [
        "random:index/randomBytes:RandomBytes",
        "random:index/randomString:RandomString",
        "random:index/randomId:RandomId",
    ];

    for (const release of ["1.0", "4.4"] as const) {
        it(`generates release ${release}'s secrets with generators whose ID is not the value`, async () => {
            const evaluation = await evaluateInTestStack(() => {
                const { Abcdesktop } = components();
                new Abcdesktop("abcdesktop", { release, mongodb: release === "4.4" ? { replicas: 3 } : {} });
                return {};
            });
            const generators = evaluation.resources.filter((r) => r.type.startsWith("random:"));
            assert.ok(generators.length > 0);
            assert.deepEqual(
                generators.filter((r) => VALUE_AS_ID.includes(r.type)).map((r) => `${r.type} ${r.name}`),
                [],
            );
        });
    }
});
