-- Reads PEM keys with the OpenSSL calls nginx's Lua modules make, through LuaJIT's FFI over libcrypto:
--
--   lua-resty-rsa  rsa:new{public_key=...}   PEM_read_bio_RSAPublicKey   (PKCS#1 "BEGIN RSA PUBLIC KEY" only)
--   lua-resty-rsa  rsa:new{private_key=...}  PEM_read_bio_RSAPrivateKey  then RSA_private_decrypt, RSA_PKCS1_PADDING
--   lua-resty-jwt  resty/evp.lua verifier    PEM_read_bio_PUBKEY         (PKIX "BEGIN PUBLIC KEY" only)
--
-- Usage: luajit read_keys.lua MODE ARGS...   (prints one JSON object on stdout)
--   version                          the libcrypto it loaded
--   rsa-public-key FILE              PEM_read_bio_RSAPublicKey, RSA_size
--   rsa-private-key FILE             PEM_read_bio_RSAPrivateKey, RSA_size
--   pubkey FILE                      PEM_read_bio_PUBKEY, EVP_PKEY_get_bits, EVP_PKEY_get_base_id
--   pubkey-1.1.1 FILE                PEM_read_bio_PUBKEY as OpenSSL 1.1.1 defines it (see below)
--   encrypt PUBLIC_FILE TEXT         PEM_read_bio_RSAPublicKey + RSA_public_encrypt (PKCS#1 v1.5): ciphertext hex
--   decrypt PRIVATE_FILE HEX         PEM_read_bio_RSAPrivateKey + RSA_private_decrypt (PKCS#1 v1.5): plaintext
--
-- OpenSSL 3's PEM_read_bio_PUBKEY decodes any public-key structure, PKCS#1 included. OpenSSL 1.1.1's, the one
-- OpenResty bundled before 1.27 (openresty-openssl111), is IMPLEMENT_PEM_rw(PUBKEY, EVP_PKEY, PEM_STRING_PUBLIC,
-- PUBKEY) in crypto/pem/pem_all.c, that is PEM_ASN1_read_bio(d2i_PUBKEY, "PUBLIC KEY", bp, x, cb, u): it takes
-- only a "BEGIN PUBLIC KEY" block. Mode pubkey-1.1.1 makes that very call, which libcrypto 3 still exports.
--
-- Exit status: 0 when the calls succeeded, 1 when OpenSSL refused (the JSON says which call and why),
-- 2 on bad usage or an unreadable file, 3 when libcrypto cannot be loaded.

local ffi = require("ffi")

local function json_string(s)
    return '"' .. s:gsub('[%c"\\]', function(c)
        local named = { ['"'] = '\\"', ["\\"] = "\\\\", ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t" }
        return named[c] or string.format("\\u%04x", c:byte())
    end) .. '"'
end

local function emit(fields, status)
    local keys = {}
    for k in pairs(fields) do keys[#keys + 1] = k end
    table.sort(keys)
    local parts = {}
    for _, k in ipairs(keys) do
        local v = fields[k]
        local text
        if type(v) == "string" then text = json_string(v)
        elseif type(v) == "boolean" or type(v) == "number" then text = tostring(v)
        else text = "null" end
        parts[#parts + 1] = json_string(k) .. ":" .. text
    end
    io.stdout:write("{" .. table.concat(parts, ",") .. "}\n")
    os.exit(status)
end

ffi.cdef [[
typedef struct bio_st BIO;
typedef struct rsa_st RSA;
typedef struct evp_pkey_st EVP_PKEY;
typedef int pem_password_cb(char *buf, int size, int rwflag, void *userdata);

BIO *BIO_new_mem_buf(const void *buf, int len);
int BIO_free(BIO *a);

RSA *PEM_read_bio_RSAPublicKey(BIO *bp, RSA **x, pem_password_cb *cb, void *u);
RSA *PEM_read_bio_RSAPrivateKey(BIO *bp, RSA **x, pem_password_cb *cb, void *u);
EVP_PKEY *PEM_read_bio_PUBKEY(BIO *bp, EVP_PKEY **x, pem_password_cb *cb, void *u);

typedef void *d2i_of_void(void **, const unsigned char **, long);
void *PEM_ASN1_read_bio(d2i_of_void *d2i, const char *name, BIO *bp, void **x, pem_password_cb *cb, void *u);
EVP_PKEY *d2i_PUBKEY(EVP_PKEY **a, const unsigned char **pp, long length);

int RSA_size(const RSA *rsa);
void RSA_free(RSA *rsa);
int RSA_public_encrypt(int flen, const unsigned char *from, unsigned char *to, RSA *rsa, int padding);
int RSA_private_decrypt(int flen, const unsigned char *from, unsigned char *to, RSA *rsa, int padding);

int EVP_PKEY_get_bits(const EVP_PKEY *pkey);
int EVP_PKEY_get_base_id(const EVP_PKEY *pkey);
void EVP_PKEY_free(EVP_PKEY *pkey);

unsigned long ERR_get_error(void);
void ERR_error_string_n(unsigned long e, char *buf, size_t len);
void ERR_clear_error(void);
const char *OpenSSL_version(int type);
]]

local RSA_PKCS1_PADDING = 1
local EVP_PKEY_RSA = 6 -- NID_rsaEncryption

local LIBRARY = "libcrypto.so.3"
local loaded, crypto = pcall(ffi.load, LIBRARY)
if not loaded then
    emit({ ok = false, error = "cannot load " .. LIBRARY .. " (Debian package libssl3): " .. tostring(crypto) }, 3)
end

--- OpenSSL's error queue, oldest first, as one line.
local function openssl_errors()
    local messages = {}
    local buffer = ffi.new("char[256]")
    while true do
        local code = crypto.ERR_get_error()
        if code == 0 then break end
        crypto.ERR_error_string_n(code, buffer, 256)
        messages[#messages + 1] = ffi.string(buffer)
    end
    return table.concat(messages, "; ")
end

local function read_file(path)
    local file, err = io.open(path, "rb")
    if not file then emit({ ok = false, error = "cannot read " .. tostring(path) .. ": " .. tostring(err) }, 2) end
    local content = file:read("*a")
    file:close()
    return content
end

--- OpenSSL 1.1.1's PEM_read_bio_PUBKEY (see the header).
local function PEM_read_bio_PUBKEY_1_1_1(bio, x, cb, u)
    local d2i = ffi.cast("d2i_of_void *", crypto.d2i_PUBKEY)
    return ffi.cast("EVP_PKEY *", crypto.PEM_ASN1_read_bio(d2i, "PUBLIC KEY", bio, x, cb, u))
end

--- Calls reader(bio, nil, nil, nil) on the file's PEM text; returns the object, gc-bound to free, or emits the failure.
local function read_pem(call, path, free, reader)
    local pem = read_file(path)
    crypto.ERR_clear_error()
    local bio = crypto.BIO_new_mem_buf(pem, #pem)
    if bio == nil then emit({ ok = false, call = "BIO_new_mem_buf", error = openssl_errors() }, 1) end
    local object = (reader or crypto[call])(bio, nil, nil, nil)
    crypto.BIO_free(bio)
    if object == nil then
        emit({ ok = false, call = call, error = openssl_errors() }, 1)
    end
    return ffi.gc(object, crypto[free])
end

local function to_hex(s)
    return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end))
end

local function from_hex(h)
    if #h % 2 ~= 0 or h:find("[^%x]") then emit({ ok = false, error = "not hexadecimal: " .. h }, 2) end
    return (h:gsub("%x%x", function(pair) return string.char(tonumber(pair, 16)) end))
end

local mode = arg[1]

if mode == "version" then
    emit({ ok = true, library = LIBRARY, openssl = ffi.string(crypto.OpenSSL_version(0)) }, 0)

elseif mode == "rsa-public-key" and arg[2] then
    local rsa = read_pem("PEM_read_bio_RSAPublicKey", arg[2], "RSA_free")
    emit({ ok = true, call = "PEM_read_bio_RSAPublicKey", bytes = crypto.RSA_size(rsa), bits = crypto.RSA_size(rsa) * 8 }, 0)

elseif mode == "rsa-private-key" and arg[2] then
    local rsa = read_pem("PEM_read_bio_RSAPrivateKey", arg[2], "RSA_free")
    emit({ ok = true, call = "PEM_read_bio_RSAPrivateKey", bytes = crypto.RSA_size(rsa), bits = crypto.RSA_size(rsa) * 8 }, 0)

elseif mode == "pubkey" and arg[2] then
    local pkey = read_pem("PEM_read_bio_PUBKEY", arg[2], "EVP_PKEY_free")
    emit({
        ok = true,
        call = "PEM_read_bio_PUBKEY",
        bits = crypto.EVP_PKEY_get_bits(pkey),
        rsa = crypto.EVP_PKEY_get_base_id(pkey) == EVP_PKEY_RSA,
    }, 0)

elseif mode == "pubkey-1.1.1" and arg[2] then
    local call = 'PEM_ASN1_read_bio(d2i_PUBKEY, "PUBLIC KEY")'
    local pkey = read_pem(call, arg[2], "EVP_PKEY_free", PEM_read_bio_PUBKEY_1_1_1)
    emit({ ok = true, call = call, bits = crypto.EVP_PKEY_get_bits(pkey) }, 0)

elseif mode == "encrypt" and arg[2] and arg[3] then
    local rsa = read_pem("PEM_read_bio_RSAPublicKey", arg[2], "RSA_free")
    local text = arg[3]
    local out = ffi.new("unsigned char[?]", crypto.RSA_size(rsa))
    local length = crypto.RSA_public_encrypt(#text, text, out, rsa, RSA_PKCS1_PADDING)
    if length < 0 then emit({ ok = false, call = "RSA_public_encrypt", error = openssl_errors() }, 1) end
    emit({ ok = true, call = "RSA_public_encrypt", ciphertext = to_hex(ffi.string(out, length)) }, 0)

elseif mode == "decrypt" and arg[2] and arg[3] then
    local rsa = read_pem("PEM_read_bio_RSAPrivateKey", arg[2], "RSA_free")
    local ciphertext = from_hex(arg[3])
    local out = ffi.new("unsigned char[?]", crypto.RSA_size(rsa))
    local length = crypto.RSA_private_decrypt(#ciphertext, ciphertext, out, rsa, RSA_PKCS1_PADDING)
    if length < 0 then emit({ ok = false, call = "RSA_private_decrypt", error = openssl_errors() }, 1) end
    emit({ ok = true, call = "RSA_private_decrypt", plaintext = ffi.string(out, length) }, 0)

else
    emit({ ok = false, error = "usage: luajit read_keys.lua version | rsa-public-key FILE | rsa-private-key FILE"
        .. " | pubkey FILE | pubkey-1.1.1 FILE | encrypt PUBLIC_FILE TEXT | decrypt PRIVATE_FILE HEX" }, 2)
end
