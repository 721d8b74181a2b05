import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { DeploymentContext, namespacedMetadata } from "../context";
import { toPkcs1PublicKeyPem } from "./pem";

/** The three JWT key Secrets: their Kubernetes names and the file names inside them, exactly upstream's. */
export const JWT_SECRETS = {
    desktopPayload: {
        secretName: "abcdesktopjwtdesktoppayload",
        privateKeyFile: "abcdesktop_jwt_desktop_payload_private_key.pem",
        publicKeyFile: "abcdesktop_jwt_desktop_payload_public_key.pem",
        /** pyos encrypts with this public key and nginx's Lua reads it as PKCS#1. */
        publicKeyFormat: "pkcs1",
    },
    desktopSigning: {
        secretName: "abcdesktopjwtdesktopsigning",
        privateKeyFile: "abcdesktop_jwt_desktop_signing_private_key.pem",
        publicKeyFile: "abcdesktop_jwt_desktop_signing_public_key.pem",
        /** lua-resty-jwt verifies with `PEM_read_bio_PUBKEY`, which only takes PKIX. */
        publicKeyFormat: "pkix",
    },
    userSigning: {
        secretName: "abcdesktopjwtusersigning",
        privateKeyFile: "abcdesktop_jwt_user_signing_private_key.pem",
        publicKeyFile: "abcdesktop_jwt_user_signing_public_key.pem",
        publicKeyFormat: "pkix",
    },
} as const;

export type JwtKeyPairName = keyof typeof JWT_SECRETS;

/**
 * The RSA key pairs that sign and encrypt the JWTs nginx and pyos exchange, made by @pulumi/tls (so they live
 * in Pulumi state, encrypted, and never on a laptop) and stored in the three Secrets upstream mounts.
 */
export class JwtKeys extends pulumi.ComponentResource {
    /** Kubernetes Secret of each key pair. */
    public readonly secrets: Record<JwtKeyPairName, k8s.core.v1.Secret>;

    constructor(name: string, context: DeploymentContext, opts?: pulumi.ComponentResourceOptions) {
        super("abcdesktop:index:JwtKeys", name, {}, opts);
        const entries = (Object.keys(JWT_SECRETS) as JwtKeyPairName[]).map((pair) => {
            const spec = JWT_SECRETS[pair];
            const key = new tls.PrivateKey(
                `${name}-${spec.secretName}`,
                { algorithm: "RSA", rsaBits: context.settings.jwtKeySize },
                { parent: this, additionalSecretOutputs: ["publicKeyPem"] },
            );
            const publicKey =
                spec.publicKeyFormat === "pkcs1" ? key.publicKeyPem.apply(toPkcs1PublicKeyPem) : key.publicKeyPem;
            const secret = new k8s.core.v1.Secret(
                `${name}-${spec.secretName}`,
                {
                    metadata: namespacedMetadata(context, spec.secretName),
                    type: "Opaque",
                    // Upstream asks to keep even the payload public key private: every value is a Pulumi secret.
                    stringData: {
                        [spec.privateKeyFile]: pulumi.secret(key.privateKeyPem),
                        [spec.publicKeyFile]: pulumi.secret(publicKey),
                    },
                },
                { parent: this },
            );
            return [pair, secret] as const;
        });
        this.secrets = Object.fromEntries(entries) as Record<JwtKeyPairName, k8s.core.v1.Secret>;
        this.registerOutputs({});
    }
}
