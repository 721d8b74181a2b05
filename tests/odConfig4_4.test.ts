/**
 * The 4.4 od.config, read by CherryPy's reprconf as pyos reads it (tests/tools/parse_od_config.py): upstream's
 * reference keys and values, with the images, logins, homes, placement and secrets the settings give.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LDAP_BIND_PASSWORD_ENV, MANAGER_API_KEY_ENV, oauthClientSecretEnv } from "../components/pyos/environment";
import { OdConfig4_4Settings, renderOdConfig4_4 } from "../components/pyos/odConfig4_4";
import { readOdConfig } from "./support/odConfigReader";

// What pyos's container holds in its environment (from Secret abcdesktop-pyos-credentials), with characters
// that configparser and Python literals treat specially.
const CLIENT_SECRET = "g%o'o\\gle-secret";
const API_KEY = "manager-key-0123456789";
const ENV = {
    [LDAP_BIND_PASSWORD_ENV]: "GoodNewsEveryone",
    [oauthClientSecretEnv("google")]: CLIENT_SECRET,
    [MANAGER_API_KEY_ENV]: API_KEY,
};

const BASE: OdConfig4_4Settings = {
    publicUrl: "http://localhost:30443",
    websocketRouting: "http_origin",
    images: {
        graphical: "ghcr.io/abcdesktopio/oc.user.ubuntu.sudo.24.04:4.4",
        init: "docker.io/library/busybox:1.37.0",
        sound: "ghcr.io/abcdesktopio/oc.pulseaudio:4.4",
        filer: "ghcr.io/abcdesktopio/oc.filer:4.4",
    },
    imagePullPolicy: "IfNotPresent",
    anonymousAuth: true,
    oauthProviders: [],
    homeDirectory: { type: "volume" },
    desktopResources: { requests: { cpu: "220m", memory: "576Mi" }, limits: { cpu: "4", memory: "8Gi" } },
    nodeSelector: {},
    tolerations: [],
};

const GOOGLE = {
    name: "google",
    displayName: "Google",
    clientId: "123.apps.googleusercontent.com",
    clientSecretVariable: oauthClientSecretEnv("google"),
    scope: ["openid", "email", "profile"],
    authorizationUrl: "https://accounts.google.com/o/oauth2/v2/auth",
    tokenUrl: "https://oauth2.googleapis.com/token",
    userinfoUrl: "https://openidconnect.googleapis.com/v1/userinfo",
    basicAuth: false,
};

type Global = Record<string, unknown> & {
    "desktop.pod": Record<string, Record<string, unknown>>;
    authmanagers: Record<string, Record<string, unknown>>;
};

function globalOf(settings: Partial<OdConfig4_4Settings>): Global {
    const parsed = readOdConfig(renderOdConfig4_4({ ...BASE, ...settings }), ENV);
    return parsed.sections["global"] as Global;
}

describe("od.config of release 4.4", () => {
    it("has upstream's server, routing and JWT settings, with the key files where pyos-od mounts the Secrets", () => {
        const g = globalOf({});
        assert.equal(g["server.socket_host"], "0.0.0.0");
        assert.equal(g["server.socket_port"], 8000);
        assert.equal(g["websocketrouting"], "http_origin");
        assert.deepEqual(g["jwt_token_user"], {
            exp: 360,
            jwtuserprivatekeyfile: "/config.usersigning/abcdesktop_jwt_user_signing_private_key.pem",
            jwtuserpublickeyfile: "/config.usersigning/abcdesktop_jwt_user_signing_public_key.pem",
        });
        assert.deepEqual(g["jwt_token_desktop"], {
            exp: 420,
            jwtdesktopprivatekeyfile: "/config.signing/abcdesktop_jwt_desktop_signing_private_key.pem",
            jwtdesktoppublickeyfile: "/config.signing/abcdesktop_jwt_desktop_signing_public_key.pem",
            payloaddesktoppublickeyfile: "/config.payload/abcdesktop_jwt_desktop_payload_public_key.pem",
        });
        assert.ok(Array.isArray(g["language"]) && (g["language"] as string[]).includes("fr_FR"));
    });

    it("lets only cluster addresses call the manager and desktop APIs, and a manager API key when one is set", () => {
        const without = globalOf({})["controllers"] as Record<string, Record<string, unknown>>;
        assert.deepEqual(without["ManagerController"], {
            permitip: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fd00::/8", "169.254.0.0/16", "127.0.0.0/8"],
        });
        assert.deepEqual(without["DesktopController"]?.["requestsallowed"], { dns: false });
        const withKey = globalOf({ managerApiKeyVariable: MANAGER_API_KEY_ENV })["controllers"] as Record<string, Record<string, unknown>>;
        assert.deepEqual(withKey["ManagerController"]?.["apikey"], [API_KEY]);
    });

    it("puts the configured images into the desktop pod, a sidecar that is off without an image", () => {
        const pod = globalOf({})["desktop.pod"];
        assert.deepEqual(pod["graphical"]?.["image"], { default: BASE.images.graphical });
        assert.deepEqual(pod["init"]?.["image"], { default: BASE.images.init });
        assert.deepEqual([pod["sound"]?.["enable"], pod["sound"]?.["image"]], [true, { default: BASE.images.sound }]);
        assert.deepEqual([pod["filer"]?.["enable"], pod["filer"]?.["image"]], [true, { default: BASE.images.filer }]);
        assert.deepEqual([pod["printer"]?.["enable"], pod["printer"]?.["image"]], [false, { default: null }]);
        for (const container of ["graphical", "init", "sound", "filer", "printer", "ephemeral_container", "pod_application"]) {
            assert.equal(pod[container]?.["imagePullPolicy"], "IfNotPresent", container);
        }
    });

    it("gives desktop pods the registry Secret, the node selector and the tolerations", () => {
        const toleration = { key: "desktops", operator: "Equal", value: "yes", effect: "NoSchedule" };
        const g = globalOf({
            imagePullSecretName: "abcdesktopregistrysecret",
            nodeSelector: { abcdesktoprole: "worker" },
            tolerations: [toleration],
        });
        assert.deepEqual(g["desktop.nodeselector"], { abcdesktoprole: "worker" });
        assert.deepEqual(g["desktop.pod"]["spec"]?.["imagePullSecrets"], [{ name: "abcdesktopregistrysecret" }]);
        assert.deepEqual(g["desktop.pod"]["spec"]?.["tolerations"], [toleration]);
        assert.deepEqual(g["desktop.pod"]["pod_application"]?.["tolerations"], [toleration]);
        assert.equal(globalOf({})["desktop.pod"]["spec"]?.["imagePullSecrets"], undefined);
    });

    it("sizes the default execute class from desktop.resources and keeps upstream's other classes", () => {
        const classes = globalOf({
            desktopResources: { requests: { cpu: "1", memory: "2Gi" }, limits: { cpu: "2", memory: "4Gi" } },
        })["executeclasses"] as Record<string, Record<string, unknown>>;
        assert.deepEqual(classes["default"]?.["resources"], { requests: { memory: "2Gi", cpu: "1" }, limits: { memory: "4Gi", cpu: "2" } });
        assert.deepEqual(Object.keys(classes), ["default", "bronze", "silver", "gold", "platinum"]);
        assert.equal(classes["gold"]?.["runtimeClassName"], "nvidia");
    });

    it("offers anonymous, LDAP and OAuth logins, each secret read from pyos's environment", () => {
        const g = globalOf({
            ldap: {
                url: "ldap://openldap.abcdesktop.svc.cluster.local:389",
                baseDn: "ou=people,dc=planetexpress,dc=com",
                bindDn: "cn=admin,dc=planetexpress,dc=com",
            },
            oauthProviders: [GOOGLE],
            publicUrl: "https://desk.example.com",
        });
        const managers = g.authmanagers;
        assert.deepEqual(Object.keys(managers), ["external", "metaexplicit", "explicit", "implicit"]);
        const google = (managers["external"]?.["providers"] as Record<string, Record<string, unknown>>)["google"];
        assert.equal(google?.["client_secret"], CLIENT_SECRET);
        assert.equal(google?.["client_id"], GOOGLE.clientId);
        assert.deepEqual(google?.["scope"], GOOGLE.scope);
        assert.equal(
            `${String(google?.["redirect_uri_prefix"])}?${String(google?.["redirect_uri_querystring"])}`,
            "https://desk.example.com/API/auth/oauth?manager=external&provider=google",
        );
        const ldap = (g["ldapconfig"] as Record<string, Record<string, Record<string, unknown>>>)["planet"];
        assert.equal(ldap?.["serviceaccount"]?.["password"], "GoodNewsEveryone");
        assert.deepEqual(Object.keys((managers["implicit"]?.["providers"] ?? {}) as object), ["anonymous"]);
        assert.deepEqual(globalOf({ anonymousAuth: false }).authmanagers["implicit"], {});
    });

    it("never writes a secret into the file", () => {
        const text = renderOdConfig4_4({ ...BASE, oauthProviders: [GOOGLE], managerApiKeyVariable: MANAGER_API_KEY_ENV });
        assert.doesNotMatch(text, /g%o|manager-key/);
        assert.match(text, new RegExp(`os\\.environ\\['${oauthClientSecretEnv("google")}'\\]`));
    });

    it("allows OAuth over plain HTTP only when the platform is not behind HTTPS", () => {
        assert.equal(globalOf({ publicUrl: "http://localhost:30443" })["OAUTHLIB_INSECURE_TRANSPORT"], true);
        assert.equal(globalOf({ publicUrl: "https://desk.example.com" })["OAUTHLIB_INSECURE_TRANSPORT"], false);
        assert.equal(globalOf({ publicUrl: "https://desk.example.com" })["default_host_url"], "https://desk.example.com");
    });

    it("keeps homes in the pod, on the shared claim or in a node directory, and never deletes them at logout", () => {
        assert.equal(globalOf({})["desktop.homedirectorytype"], null);
        const claim = globalOf({ homeDirectory: { type: "persistentVolumeClaim", claimName: "persistentvolumeclaim-home-directory" } });
        assert.deepEqual(
            [claim["desktop.homedirectorytype"], claim["desktop.persistentvolumeclaim"]],
            ["persistentVolumeClaim", "persistentvolumeclaim-home-directory"],
        );
        const host = globalOf({ homeDirectory: { type: "hostPath", root: "/var/lib/abcdesktop/home" } });
        assert.deepEqual([host["desktop.homedirectorytype"], host["desktop.hostPathRoot"]], ["hostPath", "/var/lib/abcdesktop/home"]);
        for (const key of ["desktop.removehomedirectory", "desktop.removepersistentvolume", "desktop.removepersistentvolumeclaim"]) {
            assert.equal(claim[key], false, key);
        }
    });

    it("takes raw overrides over the generated values", () => {
        const g = globalOf({ overrides: { "desktop.theme": "'linux'", fail2ban: "{'enable': True}" } });
        assert.equal(g["desktop.theme"], "linux");
        assert.deepEqual(g["fail2ban"], { enable: true });
    });
});
