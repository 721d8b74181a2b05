// Readers that are the real thing: the JWT keys read by OpenSSL's own PEM functions, called through LuaJIT's FFI over
// Debian's libcrypto.so.3 exactly as nginx's Lua modules call them (tests/tools/read_keys.lua):
//   lua-resty-rsa, rsa:new{public_key=...}:  PEM_read_bio_RSAPublicKey  (desktop payload public key)
//   lua-resty-rsa, rsa:new{private_key=...}: PEM_read_bio_RSAPrivateKey (desktop payload private key), then
//                                            RSA_private_decrypt with RSA_PKCS1_PADDING
//   lua-resty-jwt, resty/evp.lua:            PEM_read_bio_PUBKEY        (desktop and user signing public keys)
// Needs the Debian packages luajit and libssl3 (scripts/setup.sh installs them).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { constants, publicEncrypt } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { JWT_SECRETS } from "../components/jwtKeys/jwtKeys";
import { deployPlatforms, find } from "./support/platform";

const READ_KEYS = join(__dirname, "tools", "read_keys.lua");

/** What read_keys.lua prints: one JSON object. */
interface ReaderResult {
    ok: boolean;
    call?: string;
    error?: string;
    bits?: number;
    bytes?: number;
    rsa?: boolean;
    ciphertext?: string;
    plaintext?: string;
    openssl?: string;
}

/** Runs read_keys.lua; throws, naming the Debian package to install, when luajit or libcrypto.so.3 is missing. */
function readKeys(...args: string[]): ReaderResult {
    const run = spawnSync("luajit", [READ_KEYS, ...args], { encoding: "utf8" });
    if (run.error) {
        const missing = (run.error as NodeJS.ErrnoException).code === "ENOENT";
        throw new Error(
            missing
                ? "luajit is not installed: install the Debian package luajit (apt-get install -y luajit libssl3, or run scripts/setup.sh as root)"
                : `cannot run luajit: ${run.error.message}`,
        );
    }
    if (run.status === 3) {
        throw new Error(
            `LuaJIT cannot load libcrypto.so.3: install the Debian package libssl3 (apt-get install -y libssl3). ${run.stdout}`,
        );
    }
    if (run.status !== 0 && run.status !== 1) {
        throw new Error(`luajit read_keys.lua ${args.join(" ")} exited with ${run.status}: ${run.stdout}${run.stderr}`);
    }
    const result = JSON.parse(run.stdout) as ReaderResult;
    assert.equal(result.ok, run.status === 0, `exit status ${run.status} disagrees with ${run.stdout}`);
    return result;
}

type Pair = keyof typeof JWT_SECRETS;
const SIGNING_PAIRS: Pair[] = ["desktopSigning", "userSigning"];

describe("the JWT keys read by OpenSSL's own PEM readers, called as nginx's Lua modules call them", () => {
    let dir: string;
    /** The file holding one key of one instance: its namespace, the pair, and which half. */
    let keyFile: (namespace: string, pair: Pair, half: "private" | "public") => string;

    before(async () => {
        const version = readKeys("version"); // fails first, with the package to install, when the toolchain is missing
        assert.ok(version.ok, JSON.stringify(version));
        const platform = await deployPlatforms({
            standard: {},
            large: { namespace: "abcdesktop-large", exposure: { nodePort: 30444 }, jwtKeys: { size: 3072 } },
        });
        dir = mkdtempSync(join(tmpdir(), "abcdesktop-key-readers-"));
        keyFile = (namespace, pair, half) => join(dir, namespace, pair, `${half}.pem`);
        for (const namespace of ["abcdesktop", "abcdesktop-large"]) {
            for (const pair of Object.keys(JWT_SECRETS) as Pair[]) {
                const spec = JWT_SECRETS[pair];
                const data = find(platform.manifests, "Secret", spec.secretName, namespace).stringData as Record<string, string>;
                mkdirSync(join(dir, namespace, pair), { recursive: true });
                writeFileSync(keyFile(namespace, pair, "private"), data[spec.privateKeyFile]);
                writeFileSync(keyFile(namespace, pair, "public"), data[spec.publicKeyFile]);
            }
        }
    });

    after(() => {
        if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("calls OpenSSL 3, from Debian's libcrypto.so.3", () => {
        assert.match(readKeys("version").openssl ?? "", /^OpenSSL 3\./);
    });

    describe("the desktop payload key pair, as lua-resty-rsa reads it", () => {
        it("PEM_read_bio_RSAPublicKey reads the public key (PKCS#1 RSAPublicKey) as a 2048-bit RSA key", () => {
            const result = readKeys("rsa-public-key", keyFile("abcdesktop", "desktopPayload", "public"));
            assert.deepEqual(result, { ok: true, call: "PEM_read_bio_RSAPublicKey", bytes: 256, bits: 2048 });
        });

        it("PEM_read_bio_RSAPrivateKey reads the private key, the one nginx decrypts with", () => {
            const result = readKeys("rsa-private-key", keyFile("abcdesktop", "desktopPayload", "private"));
            assert.deepEqual(result, { ok: true, call: "PEM_read_bio_RSAPrivateKey", bytes: 256, bits: 2048 });
        });

        it("RSA_private_decrypt with the private key recovers what RSA_public_encrypt encrypted with the public key (RSA_PKCS1_PADDING)", () => {
            const payload = '{"labels":{"desktop":"fry"},"hash":"c3fe"}';
            const encrypted = readKeys("encrypt", keyFile("abcdesktop", "desktopPayload", "public"), payload);
            assert.ok(encrypted.ok, JSON.stringify(encrypted));
            assert.equal(encrypted.ciphertext?.length, 2 * 256, "one 2048-bit RSA block");
            const decrypted = readKeys("decrypt", keyFile("abcdesktop", "desktopPayload", "private"), encrypted.ciphertext ?? "");
            assert.deepEqual(decrypted, { ok: true, call: "RSA_private_decrypt", plaintext: payload });
        });

        it("RSA_private_decrypt recovers a payload encrypted elsewhere with the published public key, as pyos encrypts it", () => {
            const payload = "desktop payload from pyos";
            const publicKey = readFileSync(keyFile("abcdesktop", "desktopPayload", "public"), "utf8");
            const ciphertext = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(payload)).toString(
                "hex",
            );
            const decrypted = readKeys("decrypt", keyFile("abcdesktop", "desktopPayload", "private"), ciphertext);
            assert.deepEqual(decrypted, { ok: true, call: "RSA_private_decrypt", plaintext: payload });
        });

        it("RSA_private_decrypt with another pair's private key fails: the Secret holds a matching pair", () => {
            const encrypted = readKeys("encrypt", keyFile("abcdesktop", "desktopPayload", "public"), "secret");
            const decrypted = readKeys("decrypt", keyFile("abcdesktop", "desktopSigning", "private"), encrypted.ciphertext ?? "");
            assert.equal(decrypted.ok, false);
            assert.equal(decrypted.call, "RSA_private_decrypt");
        });
    });

    describe("the signing public keys, as lua-resty-jwt reads them", () => {
        for (const pair of SIGNING_PAIRS) {
            it(`PEM_read_bio_PUBKEY reads the ${JWT_SECRETS[pair].secretName} public key (PKIX) as a 2048-bit RSA key`, () => {
                const result = readKeys("pubkey", keyFile("abcdesktop", pair, "public"));
                assert.deepEqual(result, { ok: true, call: "PEM_read_bio_PUBKEY", bits: 2048, rsa: true });
            });

            it(`OpenSSL 1.1.1's PEM_read_bio_PUBKEY (OpenResty before 1.27) reads the ${JWT_SECRETS[pair].secretName} public key too`, () => {
                const result = readKeys("pubkey-1.1.1", keyFile("abcdesktop", pair, "public"));
                assert.equal(result.ok, true, JSON.stringify(result));
                assert.equal(result.bits, 2048);
            });
        }
    });

    describe("why the payload public key is converted to PKCS#1 and the signing public keys are not", () => {
        for (const pair of SIGNING_PAIRS) {
            it(`PEM_read_bio_RSAPublicKey refuses the PKIX ${JWT_SECRETS[pair].secretName} public key ("no start line")`, () => {
                const result = readKeys("rsa-public-key", keyFile("abcdesktop", pair, "public"));
                assert.equal(result.ok, false, "lua-resty-rsa could not have read the payload key left as PKIX");
                assert.equal(result.call, "PEM_read_bio_RSAPublicKey");
                assert.match(result.error ?? "", /no start line/);
            });
        }

        it('OpenSSL 1.1.1\'s PEM_read_bio_PUBKEY, PEM_ASN1_read_bio(d2i_PUBKEY, "PUBLIC KEY"), refuses the PKCS#1 payload public key', () => {
            const result = readKeys("pubkey-1.1.1", keyFile("abcdesktop", "desktopPayload", "public"));
            assert.equal(result.ok, false, "lua-resty-jwt on OpenResty's OpenSSL 1.1.1 could not read a signing key converted to PKCS#1");
            assert.match(result.error ?? "", /no start line/);
        });

        it("OpenSSL 3's PEM_read_bio_PUBKEY decodes any public-key structure and reads the PKCS#1 key as well: only 1.1.1 refuses it", () => {
            const result = readKeys("pubkey", keyFile("abcdesktop", "desktopPayload", "public"));
            assert.deepEqual(result, { ok: true, call: "PEM_read_bio_PUBKEY", bits: 2048, rsa: true });
        });
    });

    describe("an instance with jwtKeys.size 3072", () => {
        it("has payload keys that PEM_read_bio_RSAPublicKey and PEM_read_bio_RSAPrivateKey read as 3072-bit keys", () => {
            assert.equal(readKeys("rsa-public-key", keyFile("abcdesktop-large", "desktopPayload", "public")).bits, 3072);
            assert.equal(readKeys("rsa-private-key", keyFile("abcdesktop-large", "desktopPayload", "private")).bits, 3072);
        });

        it("has signing public keys that PEM_read_bio_PUBKEY reads as 3072-bit keys", () => {
            for (const pair of SIGNING_PAIRS) {
                assert.equal(readKeys("pubkey", keyFile("abcdesktop-large", pair, "public")).bits, 3072, pair);
            }
        });
    });
});
