/**
 * Renders pyos's `od.config` for release 4.4, after upstream's `reference/od.config.4.4` (abcdesktopio/conf):
 * the same keys and values, with the images, login providers, home directories, desktop placement and
 * secrets taken from the settings. Secrets are never written into the file: od.config names the environment
 * variables pyos gets them in (`os.environ['...']`), filled from Secret `abcdesktop-pyos-credentials`.
 */

import { jwtKeyPath } from "../jwtKeys/jwtKeys";
import { ResolvedResources } from "../shared/resources";
import { LDAP_BIND_PASSWORD_ENV } from "./environment";
import { ldapConfig, OdConfigLdap } from "./odConfig";
import { OdConfigEntry, renderOdConfigFile } from "./odConfigFile";
import { PyDict, PyEnvironmentVariable, PyValue } from "./pythonLiteral";
import { PyosPublicAddress } from "../exposure/publicUrl";
import { rotatingLogFile } from "./odConfigLogging";
import { explicitManager } from "./odConfigManagers";

/** An OAuth 2.0 / OpenID Connect provider of the external manager, its client secret read from an environment variable. */
export interface OdConfigOAuthProvider {
    name: string;
    displayName: string;
    clientId: string;
    clientSecretVariable: string;
    scope: readonly string[];
    authorizationUrl: string;
    tokenUrl: string;
    userinfoUrl: string;
    basicAuth: boolean;
    icon?: string;
}

/** Images of the containers pyos puts in each desktop pod: full references. */
export interface DesktopPodImages {
    graphical: string;
    init: string;
    printer?: string;
    sound?: string;
    filer?: string;
}

export interface OdConfig4_4Settings {
    /** The URL users open (`default_host_url`), e.g. `https://desk.example.com` without trailing slash. */
    publicUrl: string;
    /** `websocketrouting`: desktops' WebSockets to the page's own origin, or to `default_host_url` only (behind an ingress or gateway). */
    websocketRouting: PyosPublicAddress["websocketRouting"];
    images: DesktopPodImages;
    imagePullPolicy: "Always" | "IfNotPresent" | "Never";
    /** Registry Secret that desktop pods pull with. */
    imagePullSecretName?: string;
    anonymousAuth: boolean;
    ldap?: OdConfigLdap;
    oauthProviders: readonly OdConfigOAuthProvider[];
    /** The variable pyos reads the manager API key from; absent: no key. */
    managerApiKeyVariable?: string;
    homeDirectory: { type: "volume" } | { type: "persistentVolumeClaim"; claimName: string } | { type: "hostPath"; root: string };
    /** Requests and limits of the graphical container: `executeclasses.default`. */
    desktopResources: ResolvedResources;
    nodeSelector: Record<string, string>;
    tolerations: readonly PyDict[];
    overrides?: Record<string, string>;
}

// Addresses inside a cluster: upstream lets the manager and desktop APIs answer only them.
const PRIVATE_NETWORKS = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fd00::/8", "169.254.0.0/16", "127.0.0.0/8"];

// Upstream 4.4's locales.
const LANGUAGES = (
    "de_AT de_BE de_CH de_DE de_LI de_LU en_AG en_AU en_BW en_CA en_DK en_GB en_HK en_IE en_IN en_NG en_NZ en_PH en_SG " +
    "en_US en_ZA en_ZM en_ZW fr_BE fr_CA fr_CH fr_FR fr_LU"
).split(" ");

const ALL: PyDict = { permit: ["all"] };
const USER_SECURITY: PyDict = {
    supplementalGroups: ["{{ supplementalGroups }}"],
    runAsUser: "{{ uidNumber }}",
    runAsGroup: "{{ gidNumber }}",
};
const WAIT_PORT = "/composer/node/wait-port/node_modules/.bin/wait-port";
const MEMORY = (sizeLimit: string): PyDict => ({ emptyDir: { medium: "Memory", sizeLimit } });

function controllers(settings: OdConfig4_4Settings): PyDict {
    const apikey: PyDict = settings.managerApiKeyVariable ? { apikey: [new PyEnvironmentVariable(settings.managerApiKeyVariable)] } : {};
    return {
        ManagerController: { permitip: PRIVATE_NETWORKS, ...apikey },
        StoreController: { wrapped_key: {} },
        ComposerController: { requestsallowed: { getdesktopdescription: false } },
        DesktopController: { requestsallowed: { dns: false }, permitip: PRIVATE_NETWORKS },
    };
}

function oauthProvider(provider: OdConfigOAuthProvider, publicUrl: string): PyDict {
    return {
        displayname: provider.displayName,
        ...(provider.icon ? { icon: provider.icon } : {}),
        enabled: true,
        client_id: provider.clientId,
        client_secret: new PyEnvironmentVariable(provider.clientSecretVariable),
        scope: provider.scope,
        userinfo_auth: true,
        userinfo_url: provider.userinfoUrl,
        redirect_uri_prefix: `${publicUrl}/API/auth/oauth`,
        redirect_uri_querystring: `manager=external&provider=${provider.name}`,
        authorization_base_url: provider.authorizationUrl,
        token_url: provider.tokenUrl,
        ...(provider.basicAuth ? { basic_auth: true } : {}),
        policies: { acl: ALL },
    };
}

function authManagers(settings: OdConfig4_4Settings): PyDict {
    return {
        external: { providers: Object.fromEntries(settings.oauthProviders.map((p) => [p.name, oauthProvider(p, settings.publicUrl)])) },
        metaexplicit: {},
        explicit: explicitManager(settings.ldap),
        implicit: settings.anonymousAuth
            ? {
                  providers: {
                      anonymous: {
                          displayname: "Anonymous",
                          textcolor: "black",
                          backgroundcolor: "#FFFFFF",
                          icon: "img/auth/anonymous_icon.svg",
                          caption: "Have a look !",
                          userid: "anonymous",
                          username: "Anonymous",
                          policies: { acl: ALL },
                      },
                  },
              }
            : {},
    };
}

function executeClasses(resources: ResolvedResources): PyDict {
    const cls = (description: string, requests: PyDict, limits: PyDict, gpu = false): PyDict => ({
        nodeSelector: gpu ? { "nvidia.com/gpu.present": "true" } : null,
        runtimeClassName: gpu ? "nvidia" : null,
        description,
        resources: { requests, limits },
        ...(gpu ? { containers: { graphical: { resources: { limits: { "nvidia.com/gpu": "1" } } } } } : {}),
    });
    return {
        default: cls(
            `default: up to ${resources.limits.cpu} CPU and ${resources.limits.memory}`,
            { memory: resources.requests.memory, cpu: resources.requests.cpu },
            { memory: resources.limits.memory, cpu: resources.limits.cpu },
        ),
        bronze: cls("bronze: up to 2 CPU cores and 8Gi", { memory: "576Mi", cpu: "220m" }, { memory: "8Gi", cpu: "2000m" }),
        silver: cls("silver: up to 4 CPU cores and 32Gi", { memory: "2Gi", cpu: "2000m" }, { memory: "32Gi", cpu: "4000m" }),
        gold: cls("gold: one GPU, up to 4 CPU cores and 32Gi", { memory: "2Gi", cpu: "4000m" }, { memory: "32Gi", cpu: "4000m" }, true),
        platinum: cls(
            "platinum: one GPU, up to 8 CPU cores and 128Gi",
            { memory: "4Gi", cpu: "4000m" },
            { memory: "128Gi", cpu: "8000m" },
            true,
        ),
    };
}

/** `desktop.pod`: the containers of a desktop pod, upstream's, with the images and placement of the settings. */
function desktopPod(settings: OdConfig4_4Settings): PyDict {
    const { images, imagePullPolicy: pull } = settings;
    const sidecar = (image: string | undefined, extra: PyDict): PyDict => ({
        image: { default: image ?? null },
        enable: image !== undefined,
        ...extra,
    });
    const graphicalVolumes = ["sudoers", "x11socket", "tmp", "run", "log", "rundbus", "runuser", "shm"];
    const acl = { acl: ALL };
    return {
        spec: {
            shareProcessNamespace: false,
            shareProcessMemory: true,
            securityContext: USER_SECURITY,
            tolerations: settings.tolerations,
            ...(settings.imagePullSecretName ? { imagePullSecrets: [{ name: settings.imagePullSecretName }] } : {}),
        },
        default_volumes: {
            shm: MEMORY("2Gi"),
            run: MEMORY("1Mi"),
            tmp: MEMORY("8Gi"),
            log: MEMORY("8Gi"),
            rundbus: MEMORY("8Mi"),
            runuser: MEMORY("8Mi"),
            x11socket: MEMORY("1Ki"),
            sudoers: MEMORY("1Mi"),
        },
        default_volumes_mount: {
            shm: { mountPath: "/dev/shm" },
            run: { mountPath: "/var/run/desktop" },
            tmp: { mountPath: "/tmp" },
            log: { mountPath: "/var/log/desktop" },
            rundbus: { mountPath: "/var/run/dbus" },
            runuser: { mountPath: "/run/user/" },
            x11socket: { mountPath: "/tmp/.X11-unix" },
            sudoers: { mountPath: "/etc/sudoers.d" },
        },
        graphical: {
            image: { default: images.graphical },
            volumes: graphicalVolumes,
            imagePullPolicy: pull,
            enable: true,
            ...acl,
            waitportbin: WAIT_PORT,
            securityContext: { readOnlyRootFilesystem: false, allowPrivilegeEscalation: true, ...USER_SECURITY, runAsNonRoot: true },
            tcpport: 6081,
            secrets_requirement: ["abcdesktop/vnc", "abcdesktop/kerberos"],
            waitfor_services: ["xserver", "novnc", "spawner-service", "plasmashell"],
            waitfor_processes: ["kwin_x11", "plasmashell"],
            waitfor_listeningservices: ["graphical", "spawner"],
        },
        spawner: { enable: true, tcpport: 29786, waitportbin: WAIT_PORT, ...acl },
        broadcast: { enable: true, tcpport: 29784, ...acl },
        webshell: { enable: true, tcpport: 29781, ...acl },
        printerfile: { enable: true, tcpport: 29782, ...acl },
        printer: sidecar(images.printer, {
            volumes: ["tmp"],
            imagePullPolicy: pull,
            tcpport: 681,
            securityContext: { runAsUser: 0, runAsGroup: 0 },
            ...acl,
        }),
        filer: sidecar(images.filer, { volumes: ["tmp", "home", "log"], imagePullPolicy: pull, tcpport: 29783, ...acl }),
        sound: sidecar(images.sound, { volumes: ["tmp", "home", "log", "shm"], imagePullPolicy: pull, tcpport: 29788, ...acl }),
        init: {
            image: { default: images.init },
            volumes: ["sudoers", "tmp", "home"],
            enable: true,
            imagePullPolicy: pull,
            securityContext: { runAsUser: 0 },
            ...acl,
            command: [
                "sh",
                "-c",
                'echo "$LOGNAME ALL=(ALL:ALL) ALL" > /etc/sudoers.d/$LOGNAME && chmod 440 /etc/sudoers.d/* && chown 0:0 /etc/sudoers.d/* && ' +
                    "chmod 755 /etc/sudoers.d && chown 0:0 /etc/sudoers.d && chmod 750 ~ && chown {{ uidNumber }}:{{ gidNumber }} ~",
            ],
        },
        ephemeral_container: {
            enable: true,
            imagePullPolicy: pull,
            volumes: graphicalVolumes,
            securityContext: { readOnlyRootFilesystem: false, allowPrivilegeEscalation: true, ...USER_SECURITY },
            ...acl,
        },
        pod_application: {
            enable: true,
            imagePullPolicy: pull,
            volumes: ["sudoers", "tmp", "run", "log", "rundbus", "runuser"],
            securityContext: { readOnlyRootFilesystem: false, allowPrivilegeEscalation: true, ...USER_SECURITY },
            tolerations: settings.tolerations,
            ...acl,
        },
    };
}

function homeDirectoryEntries(home: OdConfig4_4Settings["homeDirectory"]): OdConfigEntry[] {
    const type: PyValue = home.type === "volume" ? null : home.type;
    const entries: OdConfigEntry[] = [
        {
            key: "desktop.homedirectorytype",
            value: type,
            why: "None: home in an emptyDir of the pod; persistentVolumeClaim: a subPath per user on a shared claim; hostPath: a node directory per user",
        },
    ];
    if (home.type === "persistentVolumeClaim")
        entries.push({
            key: "desktop.persistentvolumeclaim",
            value: home.claimName,
            why: "the shared claim (its name: one claim for every user)",
        });
    if (home.type === "hostPath")
        entries.push({ key: "desktop.hostPathRoot", value: home.root, why: "node directory the users' homes are made in" });
    entries.push(
        { key: "desktop.removehomedirectory", value: false, why: "a logout never deletes a home" },
        { key: "desktop.removepersistentvolume", value: false, why: "nor its volume" },
        { key: "desktop.removepersistentvolumeclaim", value: false, why: "nor its claim" },
    );
    return entries;
}

// Upstream's logging: everything to stdout/stderr, the access log and a trace file under pyos's working directory.
function loggingConfig(): PyDict {
    return {
        version: 1,
        disable_existing_loggers: false,
        formatters: {
            access: { format: "%(message)s - user: %(userid)s" },
            standard: { format: "%(asctime)s %(module)s [%(levelname)-7s] %(name)s.%(funcName)s:%(userid)s %(message)s" },
        },
        filters: { odcontext: { "()": "oc.logging.OdContextFilter" } },
        handlers: {
            stdout: {
                class: "logging.StreamHandler",
                filters: ["odcontext"],
                formatter: "standard",
                stream: "ext://sys.stdout",
                level: "DEBUG",
            },
            stderr: {
                class: "logging.StreamHandler",
                filters: ["odcontext"],
                formatter: "standard",
                stream: "ext://sys.stderr",
                level: "ERROR",
            },
            trace: { ...rotatingLogFile("standard", "logs/trace.log"), mode: "w" },
            cherrypy_access: rotatingLogFile("access", "logs/access.log"),
        },
        loggers: {
            "": { handlers: ["stderr", "stdout", "trace"], level: "DEBUG" },
            "urllib3.connectionpool": { level: "ERROR" },
            kubernetes: { level: "ERROR" },
            "cherrypy.access": { handlers: ["cherrypy_access"], level: "INFO", propagate: false },
            requests_oauthlib: { level: "ERROR" },
            cherrypy: { level: "ERROR" },
        },
    };
}

/** The generated `[global]` settings of 4.4, in file order, before overrides. */
export function odConfig4_4Entries(settings: OdConfig4_4Settings): OdConfigEntry[] {
    const entries: OdConfigEntry[] = [
        { key: "default_host_url", value: settings.publicUrl, why: "the URL users open: OAuth redirects and the websocket host" },
        {
            key: "websocketrouting",
            value: settings.websocketRouting,
            why:
                settings.websocketRouting === "http_origin"
                    ? "browsers reach desktops through the host they used for the page"
                    : "behind the ingress or gateway, desktop WebSockets go to the public host only",
        },
        { key: "server.socket_host", value: "0.0.0.0", why: "CherryPy binds all pod addresses (its default is 127.0.0.1)" },
        { key: "server.socket_port", value: 8000, why: "the pyos Service and the router use port 8000" },
        {
            key: "jwt_token_user",
            value: {
                exp: 360,
                jwtuserprivatekeyfile: jwtKeyPath("userSigning", "privateKeyFile"),
                jwtuserpublickeyfile: jwtKeyPath("userSigning", "publicKeyFile"),
            },
            why: "user JWT lifetime (s) and its signing keys (Secret abcdesktopjwtusersigning)",
        },
        {
            key: "jwt_token_desktop",
            value: {
                exp: 420,
                jwtdesktopprivatekeyfile: jwtKeyPath("desktopSigning", "privateKeyFile"),
                jwtdesktoppublickeyfile: jwtKeyPath("desktopSigning", "publicKeyFile"),
                payloaddesktoppublickeyfile: jwtKeyPath("desktopPayload", "publicKeyFile"),
            },
            why: "desktop JWT lifetime (s), signing keys and payload key; the router holds the matching keys",
        },
        {
            key: "controllers",
            value: controllers(settings),
            why: "who may call the manager and desktop APIs (cluster addresses; the manager API key when set)",
        },
        {
            key: "authmanagers",
            value: authManagers(settings),
            why: "login methods: external = OAuth, explicit = LDAP, implicit = anonymous",
        },
    ];
    if (settings.ldap)
        entries.push({ key: "ldapconfig", value: ldapConfig(settings.ldap), why: "LDAP directory of the explicit provider" });
    entries.push(
        { key: "OAUTHLIB_RELAX_TOKEN_SCOPE", value: true, why: "providers may grant fewer scopes than asked" },
        {
            key: "OAUTHLIB_INSECURE_TRANSPORT",
            value: !settings.publicUrl.startsWith("https://"),
            why: "OAuth over plain HTTP is allowed only when the platform is not behind HTTPS",
        },
        { key: "language", value: LANGUAGES, why: "locales offered to desktops" },
        { key: "K8S_BOUND_PVC_TIMEOUT_SECONDS", value: 60, why: "how long pyos waits for a home claim to bind" },
        { key: "K8S_BOUND_PVC_MAX_EVENT", value: 5, why: "claim events pyos reads while waiting" },
        { key: "K8S_CREATE_POD_TIMEOUT_SECONDS", value: 300, why: "how long pyos waits for a desktop pod to start" },
        { key: "K8S_CREATE_EPHEMERALCONTAINER_TIMEOUT_SECONDS", value: 120, why: "and for an application container" },
        {
            key: "executeclasses",
            value: executeClasses(settings.desktopResources),
            why: "classes of desktop pods; default: desktop.resources",
        },
        { key: "desktop.nodeselector", value: settings.nodeSelector, why: "labels a desktop's node must have (desktop.nodeSelector)" },
        { key: "desktop.pod", value: desktopPod(settings), why: "the containers of a desktop pod, their images and security" },
        ...homeDirectoryEntries(settings.homeDirectory),
        { key: "desktop.theme", value: "auto", why: "desktop look chosen from the browser's User-Agent" },
        {
            key: "desktop.pulseaudiosocketpath",
            value: "/tmp/.pulse.sock",
            why: "sound socket shared by the graphical and sound containers",
        },
        { key: "desktop.policies", value: { rules: {} }, why: "no per-user desktop rules" },
        { key: "desktop.appendpathtomounthomevolume", value: "", why: "homes at the root of their volume" },
        {
            key: "desktop.envlocal",
            value: {
                WEBSOCKIFY_HEARTBEAT: "30",
                LIBOVERLAY_SCROLLBAR: "0",
                X11LISTEN: "tcp",
                XDG_RUNTIME_DIR: "/tmp/runtime",
                DISABLE_RTKIT: "y",
                ABCDESKTOP_FORCE_OVERWRITE_PLASMA_CONFIG: "true",
            },
            why: "static environment of the desktop container",
        },
        { key: "desktop.username", value: "balloon", why: "generic user baked into the desktop image" },
        { key: "desktop.userid", value: 4096, why: "its uid" },
        { key: "desktop.groupid", value: 4096, why: "its gid" },
        { key: "desktop.userhomedirectory", value: "/home/balloon", why: "its home" },
        {
            key: "dock",
            value: {
                webshell: {
                    name: "WebShell",
                    acl: ALL,
                    keyword: "terminal,shell,webshell,bash,cmd",
                    showinview: "dock",
                    launch: "frontendjs.webshell",
                    displayname: "Web Shell",
                    execmode: "frontendjs",
                    cat: "utilities,development",
                    id: "webshell.d",
                    icon: "webshell.svg",
                },
            },
            why: "builtin applications of the dock",
        },
        { key: "desktop.zoom", value: 1, why: "initial zoom of the desktop" },
        {
            key: "front.menuconfig",
            value: { settings: true, appstore: true, screenshot: true, download: true, logout: true, disconnect: true },
            why: "entries of the web front's menu",
        },
        {
            key: "front.imagenotification",
            value: { ephemeral_container: false, pod_application: false },
            why: "no image pull notifications",
        },
        {
            key: "desktop.defaultbackgroundcolors",
            value: ["#6EC6F0", "#333333", "#666666", "#CD3C14", "#4BB4E6", "#50BE87", "#A885D8", "#FFB4E6"],
            why: "background colors offered to users",
        },
        { key: "tipsinfo", value: { networkmap: false }, why: "no network map tip" },
        { key: "webrtc.rtc_constraints", value: { video: false, audio: true }, why: "WebRTC carries sound, not video" },
        { key: "logging", value: loggingConfig(), why: "pyos's Python logging setup (required)" },
    );
    return entries;
}

/** The variables pyos 4.4 reads secrets from: the LDAP bind password, each OAuth client secret, the manager API key. */
export function credentialVariables(settings: OdConfig4_4Settings): string[] {
    return [
        ...(settings.ldap ? [LDAP_BIND_PASSWORD_ENV] : []),
        ...settings.oauthProviders.map((provider) => provider.clientSecretVariable),
        ...(settings.managerApiKeyVariable ? [settings.managerApiKeyVariable] : []),
    ];
}

/** The complete od.config text of release 4.4. */
export function renderOdConfig4_4(settings: OdConfig4_4Settings): string {
    return renderOdConfigFile(
        "od.config for pyos (abcdesktop 4.4), generated by the deployment.",
        odConfig4_4Entries(settings),
        settings.overrides,
    );
}
