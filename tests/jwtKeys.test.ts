// The three JWT key pairs: formats the upstream readers accept, matching pairs, and the token flow nginx and pyos use.
import assert from "node:assert/strict";
import { createPrivateKey, createPublicKey, publicEncrypt, constants, createSign, createVerify } from "node:crypto";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { JWT_SECRETS } from "../components/jwtKeys/jwtKeys";
import { DeployedPlatform, deployPlatforms, find } from "./support/platform";
import { openssl } from "./support/openssl";

function keyFiles(platform: DeployedPlatform, namespace: string, pair: keyof typeof JWT_SECRETS) {
    const spec = JWT_SECRETS[pair];
    const data = find(platform.manifests, "Secret", spec.secretName, namespace).stringData as Record<string, string>;
    assert.deepEqual(Object.keys(data).sort(), [spec.privateKeyFile, spec.publicKeyFile].sort(), "exactly upstream's file keys");
    return { privateKey: data[spec.privateKeyFile], publicKey: data[spec.publicKeyFile] };
}

function base64url(data: Buffer | string): string {
    return Buffer.from(data).toString("base64url");
}

describe("JWT key Secrets", () => {
    let platform: DeployedPlatform;
    before(async () => {
        platform = await deployPlatforms({
            standard: {},
            large: { namespace: "abcdesktop-large", exposure: { nodePort: 30444 }, jwtKeys: { size: 3072 } },
        });
    });

    it("stores the desktop payload public key as PKCS#1, readable as an RSAPublicKey by OpenSSL", () => {
        const { publicKey } = keyFiles(platform, "abcdesktop", "desktopPayload");
        assert.match(publicKey, /^-----BEGIN RSA PUBLIC KEY-----\n/);
        const text = openssl((d) => ["rsa", "-RSAPublicKey_in", "-in", join(d, "pub.pem"), "-noout", "-text"], {
            "pub.pem": publicKey,
        }).toString();
        assert.match(text, /Public-Key: \(2048 bit\)/);
    });

    it("stores both signing public keys as PKIX, the only form lua-resty-jwt's PEM_read_bio_PUBKEY takes under OpenResty's OpenSSL 1.1.1", () => {
        for (const pair of ["desktopSigning", "userSigning"] as const) {
            const { publicKey } = keyFiles(platform, "abcdesktop", pair);
            assert.match(publicKey, /^-----BEGIN PUBLIC KEY-----\n/, pair);
            const text = openssl((d) => ["pkey", "-pubin", "-in", join(d, "pub.pem"), "-noout", "-text"], {
                "pub.pem": publicKey,
            }).toString();
            assert.match(text, /Public-Key: \(2048 bit\)/, pair);
        }
    });

    it("pairs every public key with its own private key", () => {
        for (const pair of Object.keys(JWT_SECRETS) as (keyof typeof JWT_SECRETS)[]) {
            const { privateKey, publicKey } = keyFiles(platform, "abcdesktop", pair);
            const fromPrivate = createPublicKey(createPrivateKey(privateKey)).export({ format: "jwk" });
            const published = createPublicKey(publicKey).export({ format: "jwk" });
            assert.equal(published.n, fromPrivate.n, pair);
            assert.equal(published.e, fromPrivate.e, pair);
        }
    });

    it("gives each instance its own keys, of the configured size", () => {
        const standard = keyFiles(platform, "abcdesktop", "desktopSigning");
        const large = keyFiles(platform, "abcdesktop-large", "desktopSigning");
        assert.notEqual(standard.privateKey, large.privateKey);
        assert.equal(createPrivateKey(large.privateKey).asymmetricKeyDetails?.modulusLength, 3072);
    });

    it("lets nginx verify a desktop JWT that pyos signed (RS256, desktop signing key pair)", () => {
        const { privateKey, publicKey } = keyFiles(platform, "abcdesktop", "desktopSigning");
        const header = base64url(JSON.stringify({ alg: "RS256", typ: "JWT" }));
        const claims = base64url(JSON.stringify({ key: 0, nfb: 1, hash: "target", exp: 4102444800 }));
        const signature = createSign("sha256").update(`${header}.${claims}`).sign(privateKey);
        assert.ok(createVerify("sha256").update(`${header}.${claims}`).verify(publicKey, signature));
        assert.ok(!createVerify("sha256").update(`${header}.${claims}x`).verify(publicKey, signature), "a tampered token fails");
    });

    it("lets nginx decrypt with the payload private key what pyos encrypted with the payload public key (RSA PKCS#1 v1.5)", () => {
        const { privateKey, publicKey } = keyFiles(platform, "abcdesktop", "desktopPayload");
        const target = "anonymous-74bea267.desktop.abcdesktop.svc.cluster.local";
        const encrypted = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(target));
        // OpenSSL decrypts, as lua-resty-rsa does with the same padding (Node refuses PKCS#1 v1.5 decryption).
        const decrypted = openssl(
            (d) => ["pkeyutl", "-decrypt", "-inkey", join(d, "priv.pem"), "-pkeyopt", "rsa_padding_mode:pkcs1"],
            { "priv.pem": privateKey },
            encrypted,
        );
        assert.equal(decrypted.toString(), target);
    });
});
