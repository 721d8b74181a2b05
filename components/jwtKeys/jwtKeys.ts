import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { ComponentScope, DeploymentContext } from "../shared/context";
import { Release } from "../shared/settingsModule";
import { JwtKeysSettings } from "./settings";
import { toPkcs1PublicKeyPem } from "./pem";

/** The three JWT key Secrets: their Kubernetes names and the file names inside them, exactly upstream's. */
export const JWT_SECRETS = {
    desktopPayload: {
        secretName: "abcdesktopjwtdesktoppayload",
        /** Where nginx and pyos mount it; od.config and nginx's environment name files under it. */
        mountPath: "/config.payload",
        /** Volume names inside the pods, per release (upstream renamed them in 4.x). */
        volumeName: { "1.0": "jwtpayloadpem", "4.4": "jwtpayloadkeys" },
        /** The `abcdesktop/role` label upstream 4.4's install gives the Secret. */
        role: "desktop.payloadkeys",
        privateKeyFile: "abcdesktop_jwt_desktop_payload_private_key.pem",
        publicKeyFile: "abcdesktop_jwt_desktop_payload_public_key.pem",
        /** pyos encrypts with this public key and nginx's Lua reads it as PKCS#1. */
        publicKeyFormat: "pkcs1",
    },
    desktopSigning: {
        secretName: "abcdesktopjwtdesktopsigning",
        mountPath: "/config.signing",
        volumeName: { "1.0": "jwtsigningpem", "4.4": "jwtsigningkeys" },
        role: "desktop.signingkeys",
        privateKeyFile: "abcdesktop_jwt_desktop_signing_private_key.pem",
        publicKeyFile: "abcdesktop_jwt_desktop_signing_public_key.pem",
        /** lua-resty-jwt verifies with `PEM_read_bio_PUBKEY`, which under OpenSSL 1.1.1 (OpenResty before 1.27) only takes PKIX. */
        publicKeyFormat: "pkix",
    },
    userSigning: {
        secretName: "abcdesktopjwtusersigning",
        mountPath: "/config.usersigning",
        volumeName: { "1.0": "jwtusersigningpem", "4.4": "jwtusersigningkeys" },
        role: "user.signingkeys",
        privateKeyFile: "abcdesktop_jwt_user_signing_private_key.pem",
        publicKeyFile: "abcdesktop_jwt_user_signing_public_key.pem",
        publicKeyFormat: "pkix",
    },
} as const;

export type JwtKeyPairName = keyof typeof JWT_SECRETS;

/** The path a key file has inside the pods that mount its Secret. */
export function jwtKeyPath(pair: JwtKeyPairName, file: "privateKeyFile" | "publicKeyFile"): string {
    return `${JWT_SECRETS[pair].mountPath}/${JWT_SECRETS[pair][file]}`;
}

/**
 * Read-only volumes and mounts of the given key Secrets, in the order given, at upstream's paths and volume names;
 * `secrets`, for the workload's `dependsOn` (the volumes name them as text: see `workloadOptions`).
 */
export function jwtKeyMounts(
    release: Release,
    secrets: [JwtKeyPairName, k8s.core.v1.Secret][],
): {
    volumes: k8s.types.input.core.v1.Volume[];
    volumeMounts: k8s.types.input.core.v1.VolumeMount[];
    secrets: k8s.core.v1.Secret[];
} {
    return {
        secrets: secrets.map(([, secret]) => secret),
        volumes: secrets.map(([pair]) => ({
            name: JWT_SECRETS[pair].volumeName[release],
            secret: { secretName: JWT_SECRETS[pair].secretName },
        })),
        volumeMounts: secrets.map(([pair]) => ({
            name: JWT_SECRETS[pair].volumeName[release],
            mountPath: JWT_SECRETS[pair].mountPath,
            readOnly: true,
        })),
    };
}

/** One key pair's PEM texts, both Pulumi secrets (upstream asks to keep even the payload public key private). */
export interface JwtKeyMaterial {
    privateKeyPem: pulumi.Output<string>;
    publicKeyPem: pulumi.Output<string>;
}

/**
 * The Pulumi name of a key pair's private key. Rotation 0 keeps the original name; each later rotation gets a
 * new name, which makes Pulumi create new keys and delete the old ones: that is how a rotation replaces keys
 * with any engine version, while nothing else ever does.
 */
export function jwtPrivateKeyName(component: string, secretName: string, rotation: number): string {
    return rotation === 0 ? `${component}-${secretName}` : `${component}-${secretName}-rotation-${rotation}`;
}

/**
 * The RSA key pairs that sign and encrypt the JWTs nginx and pyos exchange, made by @pulumi/tls (so they live
 * in Pulumi state, encrypted, and never on a laptop) and stored in the three Secrets upstream mounts.
 */
export class JwtKeys extends pulumi.ComponentResource {
    /** Kubernetes Secret of each key pair. */
    public readonly secrets: Record<JwtKeyPairName, k8s.core.v1.Secret>;
    /** PEM texts of each key pair, as stored in its Secret. */
    public readonly material: Record<JwtKeyPairName, JwtKeyMaterial>;
    /**
     * What makes the keys what they are besides randomness: size and rotation. The keys change exactly when this
     * does, so it identifies them in pod annotations without deriving anything from the key material.
     */
    public readonly generation: string;

    constructor(context: DeploymentContext, settings: JwtKeysSettings, opts?: pulumi.ComponentResourceOptions) {
        const name = context.instance;
        super("abcdesktop:index:JwtKeys", name, {}, opts);
        const scope = new ComponentScope(context, "jwt-keys");
        const pairs = Object.keys(JWT_SECRETS) as JwtKeyPairName[];
        this.generation = `rsa-${settings.size}-rotation-${settings.rotation}`;
        const material = pairs.map((pair) => {
            const spec = JWT_SECRETS[pair];
            const key = new tls.PrivateKey(
                jwtPrivateKeyName(name, spec.secretName, settings.rotation),
                { algorithm: "RSA", rsaBits: settings.size },
                // The provider marks only private outputs secret; upstream asks to keep the payload public key
                // private too, so no form of any public key is stored in clear text in the state.
                {
                    parent: this,
                    additionalSecretOutputs: ["publicKeyPem", "publicKeyOpenssh", "publicKeyFingerprintMd5", "publicKeyFingerprintSha256"],
                },
            );
            const publicKey = spec.publicKeyFormat === "pkcs1" ? key.publicKeyPem.apply(toPkcs1PublicKeyPem) : key.publicKeyPem;
            return { privateKeyPem: pulumi.secret(key.privateKeyPem), publicKeyPem: pulumi.secret(publicKey) };
        });
        this.material = Object.fromEntries(pairs.map((pair, i) => [pair, material[i]])) as Record<JwtKeyPairName, JwtKeyMaterial>;
        this.secrets = Object.fromEntries(
            pairs.map((pair) => {
                const spec = JWT_SECRETS[pair];
                const secret = new k8s.core.v1.Secret(
                    `${name}-${spec.secretName}`,
                    {
                        metadata: scope.metadata(spec.secretName, scope.roleLabel(spec.role)),
                        type: "Opaque",
                        stringData: {
                            [spec.privateKeyFile]: this.material[pair].privateKeyPem,
                            [spec.publicKeyFile]: this.material[pair].publicKeyPem,
                        },
                    },
                    { parent: this },
                );
                return [pair, secret];
            }),
        ) as Record<JwtKeyPairName, k8s.core.v1.Secret>;
        this.registerOutputs({});
    }
}
