import { createHash, generateKeyPairSync } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";

/** A resource the program registered, as the engine would have received it. */
export interface RegisteredResource {
    type: string;
    name: string;
    /** Inputs as sent; values the program marked secret keep Pulumi's secret wrapper (see `secretSignature`). */
    inputs: Record<string, unknown>;
    provider?: string;
}

/** The wrapper Pulumi's serializer puts around secret values. */
export const SECRET_SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIGNATURE_VALUE = "1b47061264138c4ac30d75fd1eb44270";

export function isSecretWrapper(value: unknown): value is { value: unknown } {
    return (
        typeof value === "object" && value !== null && (value as Record<string, unknown>)[SECRET_SIGNATURE_KEY] === SECRET_SIGNATURE_VALUE
    );
}

/** A value with every secret wrapper replaced by what it holds. */
export function unwrapSecrets(value: unknown): unknown {
    if (isSecretWrapper(value)) {
        return unwrapSecrets(value.value);
    }
    if (Array.isArray(value)) {
        return value.map(unwrapSecrets);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
    }
    return value;
}

// Like the real provider, a key stays the same while its resource's name and inputs do: evaluating a program
// twice in one process (as tests of upgrades do) gives unchanged keys their old value.
const rsaKeys = new Map<string, Record<string, string>>();

/** Real RSA keys in the three encodings @pulumi/tls returns, so format conversions are exercised for real. */
function rsaKeyState(name: string, bits: number): Record<string, string> {
    const cacheKey = `${name}/${bits}`;
    const cached = rsaKeys.get(cacheKey);
    if (cached) {
        return cached;
    }
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: bits });
    const state = {
        algorithm: "RSA",
        privateKeyPem: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
        privateKeyPemPkcs8: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
        publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    };
    rsaKeys.set(cacheKey, state);
    return state;
}

/**
 * A password with the alphabet and length @pulumi/random would use. Drawn from the resource's name, not at
 * random, so that what depends on it (checksum annotations) renders the same way every time; it is a
 * throwaway value either way.
 */
function randomPassword(name: string, inputs: Record<string, unknown>): string {
    const length = Number(inputs.length ?? 16);
    let alphabet = "";
    if (inputs.lower !== false) alphabet += "abcdefghijklmnopqrstuvwxyz";
    if (inputs.upper !== false) alphabet += "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    if (inputs.numeric !== false) alphabet += "0123456789";
    if (inputs.special !== false) alphabet += typeof inputs.overrideSpecial === "string" ? inputs.overrideSpecial : "!@#$%&*()-_=+[]{}<>:?";
    const stream = (i: number) => createHash("sha256").update(`${name}/${i}`).digest();
    return Array.from({ length }, (_, i) => alphabet[stream(Math.floor(i / 32))[i % 32] % alphabet.length]).join("");
}

/** Bytes as @pulumi/random's RandomBytes gives them (`length` of them), drawn from the resource's name like {@link randomPassword}. */
function randomBytes(name: string, length: number): Buffer {
    const stream = (i: number) => createHash("sha256").update(`${name}/bytes/${i}`).digest();
    return Buffer.concat(Array.from({ length: Math.ceil(length / 32) }, (_, i) => stream(i))).subarray(0, length);
}

// The SDK's own "wait until every registration has been answered"; internal, so typed here.
const { waitForRPCs } = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs: () => Promise<void> };

/** Resolves once every resource the program has registered so far has been answered by the mocks. */
export function registrationsSettled(): Promise<void> {
    return waitForRPCs();
}

export interface AbcdesktopMocksOptions {
    /** Told before each RSA key is made (4096-bit keys take seconds): the key's resource name and size. */
    onKey?: (name: string, bits: number) => void;
    /** What the stack's state held for each Stash, by resource name: e.g. `{"abcdesktop-release": "1.0"}` to test a change of release. */
    stashed?: Record<string, unknown>;
}

/**
 * Pulumi mocks that stand in for the engine and the providers the component uses: they record every registration
 * and compute the outputs that real tls and random providers would, with real cryptography. A program that uses the
 * component unit-tests with them as with any mocks:
 *
 *     const mocks = new AbcdesktopMocks();
 *     await pulumi.runtime.setMocks(mocks, "project", "test", false);
 *     const program = require("./index"); // loaded after setMocks, or its resources are lost
 *     await registrationsSettled();
 *     // mocks.resources: every resource the program registered, with its inputs
 */
export class AbcdesktopMocks implements pulumi.runtime.Mocks {
    /** Every registration, in order. */
    public readonly resources: RegisteredResource[] = [];

    constructor(private readonly options: AbcdesktopMocksOptions = {}) {}

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } {
        const inputs = args.inputs as Record<string, unknown>;
        this.resources.push({ type: args.type, name: args.name, inputs, provider: args.provider });
        const plain = unwrapSecrets(inputs) as Record<string, unknown>;
        switch (args.type) {
            case "tls:index/privateKey:PrivateKey": {
                const bits = Number(plain.rsaBits ?? 2048);
                this.options.onKey?.(args.name, bits);
                return { id: `${args.name}-id`, state: { ...plain, ...rsaKeyState(args.name, bits) } };
            }
            case "random:index/randomPassword:RandomPassword":
                return { id: `${args.name}-id`, state: { ...plain, result: randomPassword(args.name, plain) } };
            case "random:index/randomBytes:RandomBytes": {
                const bytes = randomBytes(args.name, Number(plain.length ?? 32));
                return { id: `${args.name}-id`, state: { ...plain, base64: bytes.toString("base64"), hex: bytes.toString("hex") } };
            }
            case "pulumi:index:Stash":
                // What the engine keeps: the first value, unless the test says the stack held another one before.
                return { id: `${args.name}-id`, state: { input: plain.input, output: this.options.stashed?.[args.name] ?? plain.input } };
            default:
                return { id: `${args.name}-id`, state: inputs };
        }
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        return args.inputs as Record<string, unknown>;
    }
}
