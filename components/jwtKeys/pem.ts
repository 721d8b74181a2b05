import { createPublicKey } from "node:crypto";

/**
 * Re-encodes an RSA public key as PKCS#1 (`BEGIN RSA PUBLIC KEY`), the file `openssl rsa -RSAPublicKey_out`
 * writes. nginx's Lua (lua-resty-rsa, `PEM_read_bio_RSAPublicKey`) and pyos both read the desktop payload
 * public key in this form, while @pulumi/tls only emits PKIX (`BEGIN PUBLIC KEY`).
 */
export function toPkcs1PublicKeyPem(publicKeyPem: string): string {
    // No key yet (a consumer's plain mocks, where no provider computes one): nothing to convert.
    if (!publicKeyPem) return publicKeyPem;
    return createPublicKey(publicKeyPem).export({ type: "pkcs1", format: "pem" }).toString();
}
