import assert from "node:assert/strict";
import { join } from "node:path";
import { JWT_SECRETS } from "../../components/jwtKeys/jwtKeys";
import { openssl } from "../support/openssl";

/** A Secret's values as text, whether it carries `data` (base64) or `stringData`. */
export function secretValues(secret: { data?: Record<string, string>; stringData?: Record<string, string> }): Record<string, string> {
    const decoded = Object.fromEntries(Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, "base64").toString()]));
    return { ...decoded, ...(secret.stringData ?? {}) };
}

/**
 * The three JWT key Secrets, as nginx and pyos read them: OpenSSL reads each key, the payload public key is
 * PKCS#1 and the signing public keys PKIX, and each public key is its private key's.
 */
export function assertJwtKeySecrets(valuesOf: (secretName: string) => Record<string, string>): void {
    for (const spec of Object.values(JWT_SECRETS)) {
        const values = valuesOf(spec.secretName);
        const publicKey = values[spec.publicKeyFile];
        assert.ok(publicKey, `${spec.secretName} has ${spec.publicKeyFile}`);
        if (spec.publicKeyFormat === "pkcs1") {
            assert.match(publicKey, /^-----BEGIN RSA PUBLIC KEY-----/);
            openssl((d) => ["rsa", "-RSAPublicKey_in", "-in", join(d, "k.pem"), "-noout"], { "k.pem": publicKey });
        } else {
            assert.match(publicKey, /^-----BEGIN PUBLIC KEY-----/);
            openssl((d) => ["pkey", "-pubin", "-in", join(d, "k.pem"), "-noout"], { "k.pem": publicKey });
        }
        const fromPrivate = openssl((d) => ["pkey", "-in", join(d, "k.pem"), "-pubout"], {
            "k.pem": values[spec.privateKeyFile],
        }).toString();
        const published = openssl((d) => ["pkey", "-pubin", "-in", join(d, "k.pem"), "-pubout"], {
            "k.pem":
                spec.publicKeyFormat === "pkcs1"
                    ? openssl((d) => ["rsa", "-RSAPublicKey_in", "-in", join(d, "p.pem"), "-pubout"], { "p.pem": publicKey }).toString()
                    : publicKey,
        }).toString();
        assert.equal(published, fromPrivate, `${spec.secretName}: the public key is the private key's`);
    }
}
