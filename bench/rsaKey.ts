import { generateKeyPairSync } from "node:crypto";

/** An RSA key pair in the encodings @pulumi/tls returns, made as the render mocks make it (mockProviders.ts). */
export function makeRsaKeyState(bits: number): Record<string, string> {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: bits });
    return {
        algorithm: "RSA",
        privateKeyPem: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
        privateKeyPemPkcs8: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
        publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    };
}
