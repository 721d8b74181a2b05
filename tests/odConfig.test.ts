/**
 * od.config renderer tests. The rendered text is parsed by CherryPy's reprconf, the reader pyos uses
 * (tests/tools/parse_od_config.py); CherryPy is required: `pip install cherrypy`.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { LDAP_BIND_PASSWORD_ENV } from "../components/pyos/environment";
import { OdConfigSettings, renderOdConfig } from "../components/pyos/odConfig";
import { pythonLiteral } from "../components/pyos/pythonLiteral";
import { ParsedOdConfig, readOdConfig, runOdConfigReader } from "./support/odConfigReader";

// Characters that configparser and Python literals treat specially: the value must arrive untouched.
const BIND_PASSWORD = "p%ss'w\\rd";
// pyos's container gets the LDAP bind password from a Secret, as this variable.
const POD_ENV = { [LDAP_BIND_PASSWORD_ENV]: BIND_PASSWORD };

function parse(text: string): ParsedOdConfig {
    return readOdConfig(text, POD_ENV);
}

function global(settings: OdConfigSettings): Record<string, unknown> {
    const parsed = parse(renderOdConfig(settings));
    const section = parsed.sections["global"];
    assert.ok(section, "[global] section");
    return section;
}

const BASE: OdConfigSettings = {
    namespace: "abcdesktop",
    clusterDomain: "cluster.local",
    userImage: "abcdesktopio/oc.user.18.04:1.0",
    imagePullPolicy: "IfNotPresent",
    anonymousAuth: true,
    homeDirectory: { type: "volume" },
};

const DEMO_LDAP = {
    url: "ldap://openldap.abcdesktop.svc.cluster.local:389",
    baseDn: "ou=people,dc=planetexpress,dc=com",
    bindDn: "cn=admin,dc=planetexpress,dc=com",
};

test("upstream defaults: kubernetes mode, JWT key files, auth managers, CherryPy sections", () => {
    const parsed = parse(renderOdConfig({ ...BASE, ldap: DEMO_LDAP }));
    assert.deepEqual(Object.keys(parsed.sections), ["global", "/", "/img"]);
    const g = parsed.sections["global"] ?? {};
    assert.equal(g["stack.mode"], "kubernetes");
    assert.equal(g["server.socket_host"], "0.0.0.0");
    assert.equal(g["server.socket_port"], 8000);
    assert.equal(g["websocketrouting"], "http_origin");
    assert.equal(g["default_host_url"], "http://localhost");
    assert.deepEqual(g["jwt_token_user"], {
        exp: 180,
        jwtuserprivatekeyfile: "/config.usersigning/abcdesktop_jwt_user_signing_private_key.pem",
        jwtuserpublickeyfile: "/config.usersigning/abcdesktop_jwt_user_signing_public_key.pem",
    });
    assert.deepEqual(g["jwt_token_desktop"], {
        exp: 360,
        jwtdesktopprivatekeyfile: "/config.signing/abcdesktop_jwt_desktop_signing_private_key.pem",
        jwtdesktoppublickeyfile: "/config.signing/abcdesktop_jwt_desktop_signing_public_key.pem",
        payloaddesktoppublickeyfile: "/config.payload/abcdesktop_jwt_desktop_payload_public_key.pem",
    });
    assert.deepEqual(g["authmanagers"], {
        external: {},
        explicit: { show_domains: true, providers: { planet: { config_ref: "ldapconfig", enabled: true } } },
        implicit: {
            providers: { anonymous: { displayname: "Anonymous", caption: "Have a look !", userid: "anonymous", username: "Anonymous" } },
        },
    });
    assert.deepEqual(g["ldapconfig"], {
        planet: {
            default: true,
            ldap_timeout: 15,
            ldap_protocol: "ldap",
            ldap_basedn: "ou=people,dc=planetexpress,dc=com",
            servers: ["ldap://openldap.abcdesktop.svc.cluster.local:389"],
            secure: false,
            serviceaccount: { login: "cn=admin,dc=planetexpress,dc=com", password: BIND_PASSWORD },
        },
    });
    // '%' survives configparser interpolation (rendered as '%%').
    const logging = g["logging"] as { formatters: Record<string, { format: string }> };
    assert.equal(logging.formatters["access"]?.format, "%(message)s - user: %(userid)s");
    assert.equal(g["desktop.username"], "balloon");
    assert.equal(g["desktop.userid"], 4096);
    assert.ok((g["language"] as string[]).includes("fr_FR"));
    assert.equal(parsed.globalKeys.length, new Set(parsed.globalKeys).size, "no duplicate keys");
});

test("namespace and cluster domain drive every service name", () => {
    const settings: OdConfigSettings = {
        ...BASE,
        namespace: "desk-prod",
        clusterDomain: "k8s.example.org",
        ldap: { ...DEMO_LDAP, url: "ldap://openldap.desk-prod.svc.k8s.example.org:389" },
    };
    const text = renderOdConfig(settings);
    assert.ok(!text.includes("abcdesktop.svc.cluster.local"), "no upstream hard-coded FQDN left");
    assert.ok(!text.includes("cluster.local"));
    const g = global(settings);
    assert.equal(g["namespace"], "desk-prod");
    assert.equal(g["stack.kubernetesdefaultdomain"], "desk-prod.svc.k8s.example.org");
    assert.equal(g["memcacheserver"], "memcached.desk-prod.svc.k8s.example.org");
    assert.equal(g["memcachedport"], 11211);
    assert.equal(g["mongodburl"], "mongodb://mongodb.desk-prod.svc.k8s.example.org:27017");
});

test("images: user always, printer and sound only when enabled", () => {
    const off = global(BASE);
    assert.equal(off["desktop.image"], "abcdesktopio/oc.user.18.04:1.0");
    assert.equal(off["desktop.imagePullPolicy"], "IfNotPresent");
    assert.equal(off["desktop.printerimage"], null);
    assert.equal(off["desktop.useprintercontainer"], false);
    assert.equal(off["desktop.soundimage"], null);
    assert.equal(off["desktop.usesoundcontainer"], false);

    const on = global({
        ...BASE,
        imagePullPolicy: "Always",
        printerImage: "registry.example.com/oc.cupsd.18.04:1.0",
        soundImage: "registry.example.com/oc.pulseaudio.18.04:1.0",
    });
    assert.equal(on["desktop.imagePullPolicy"], "Always");
    assert.equal(on["desktop.printerimage"], "registry.example.com/oc.cupsd.18.04:1.0");
    assert.equal(on["desktop.useprintercontainer"], true);
    assert.equal(on["desktop.soundimage"], "registry.example.com/oc.pulseaudio.18.04:1.0");
    assert.equal(on["desktop.usesoundcontainer"], true);
});

test("image pull secret for user pods", () => {
    const none = global(BASE);
    assert.equal(none["desktop.imagePullSecret"], null);
    assert.ok(!("desktop.imagepullsecret" in none));

    const set = global({ ...BASE, imagePullSecretName: "abcdesktopregistrysecret" });
    assert.equal(set["desktop.imagePullSecret"], "abcdesktopregistrysecret");
    assert.equal(set["desktop.imagepullsecret"], "abcdesktopregistrysecret");
});

test("every auth manager declared whatever the login methods; providers and the LDAP block only where used", () => {
    const anonymousOnly = global(BASE);
    assert.deepEqual(Object.keys(anonymousOnly["authmanagers"] as object), ["external", "explicit", "implicit"]);
    assert.deepEqual((anonymousOnly["authmanagers"] as Record<string, unknown>)["explicit"], {});
    assert.ok(!("ldapconfig" in anonymousOnly));

    const ldapOnly = global({
        ...BASE,
        anonymousAuth: false,
        ldap: {
            ...DEMO_LDAP,
            url: "ldaps://ldap.example.com:636",
            providerName: "corp",
            userFilter: "(&(objectClass=posixAccount)(uid=%s))",
        },
    });
    assert.deepEqual(ldapOnly["authmanagers"], {
        external: {},
        explicit: { show_domains: true, providers: { corp: { config_ref: "ldapconfig", enabled: true } } },
        implicit: {},
    });
    const ldap = (ldapOnly["ldapconfig"] as Record<string, Record<string, unknown>>)["corp"];
    assert.ok(ldap);
    assert.equal(ldap["ldap_protocol"], "ldaps");
    assert.equal(ldap["secure"], true);
    assert.deepEqual(ldap["servers"], ["ldaps://ldap.example.com:636"]);
    assert.equal(ldap["filter"], "(&(objectClass=posixAccount)(uid=%s))");
    assert.deepEqual(ldap["serviceaccount"], { login: "cn=admin,dc=planetexpress,dc=com", password: BIND_PASSWORD });
});

test("home directory: pod volume or persistent volume claim", () => {
    const volume = global(BASE);
    assert.equal(volume["desktop.homedirectorytype"], "volume");
    assert.ok(!("desktop.persistentvolumeclaim" in volume));

    const pvc = global({ ...BASE, homeDirectory: { type: "persistentVolumeClaim", claimName: "persistentvolumeclaim-home-directory" } });
    assert.equal(pvc["desktop.homedirectorytype"], "persistentVolumeClaim");
    assert.equal(pvc["desktop.persistentvolumeclaim"], "persistentvolumeclaim-home-directory");
});

test("overrides replace or add keys, never duplicate them", () => {
    const generated = parse(renderOdConfig(BASE)).globalKeys;
    const parsed = parse(
        renderOdConfig({
            ...BASE,
            overrides: {
                "desktop.defaultbackgroundcolors": "[ '#000000' ]",
                jwt_token_user: "{\n  'exp': 600,\n\n  'jwtuserprivatekeyfile': '/k/priv.pem',\n  'jwtuserpublickeyfile': '/k/pub.pem' }",
                "desktop.nodeselector": "{ 'disktype': 'ssd' }",
                "front.title": "'100% abcdesktop'",
            },
        }),
    );
    const g = parsed.sections["global"] ?? {};
    assert.deepEqual(g["desktop.defaultbackgroundcolors"], ["#000000"]);
    assert.deepEqual(g["jwt_token_user"], { exp: 600, jwtuserprivatekeyfile: "/k/priv.pem", jwtuserpublickeyfile: "/k/pub.pem" });
    assert.deepEqual(g["desktop.nodeselector"], { disktype: "ssd" });
    assert.equal(g["front.title"], "100% abcdesktop");
    assert.equal(parsed.globalKeys.length, new Set(parsed.globalKeys).size, "no duplicate keys");
    // replaced keys keep their place, new keys come last
    assert.deepEqual(parsed.globalKeys, [...generated, "desktop.nodeselector", "front.title"]);
    assert.throws(() => renderOdConfig({ ...BASE, overrides: { "bad:key": "1" } }), /not a valid option name/);
});

test("strings are escaped for Python and the file stays ASCII", () => {
    const image = "registry.example.com/it's\\odd:é😀\t%";
    const text = renderOdConfig({ ...BASE, userImage: image });
    assert.ok(
        [...text].every((ch) => ch.charCodeAt(0) < 0x80),
        "ASCII only",
    );
    const g = parse(text).sections["global"] ?? {};
    assert.equal(g["desktop.image"], image);
    assert.equal(pythonLiteral({ a: [1, -2.5, null, true, false, "x"], b: {} }), "{'a': [1, -2.5, None, True, False, 'x'], 'b': {}}");
});

test("invalid names are rejected before they reach the file", () => {
    assert.throws(() => renderOdConfig({ ...BASE, namespace: "Bad_NS" }), /namespace/);
    assert.throws(() => renderOdConfig({ ...BASE, clusterDomain: "cluster.local'; x" }), /clusterDomain/);
});

test("a broken file is reported by the reader (the reader is real)", () => {
    assert.throws(() => parse("[global]\nkey: 1\nkey: 2\n"), /Duplicate|already exists/);
    assert.throws(() => parse("[global]\nkey: {'a': \n"), /parse error/);
});

test("the parser tool explains how to install CherryPy when it is missing", () => {
    // python -S skips site-packages, where pip installs CherryPy
    const run = runOdConfigReader("[global]\n", POD_ENV, ["-S"]);
    assert.equal(run.status, 3);
    assert.match(run.stderr, /pip install cherrypy/);
});
