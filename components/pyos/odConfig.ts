/**
 * Renders pyos's `od.config` for the 1.x ("OLD") Kubernetes layout.
 *
 * pyos reads the file with CherryPy's `cherrypy.lib.reprconf.Config`: a Python `configparser` file
 * (case-preserving keys, strict about duplicate keys, `%` interpolation) whose values are Python
 * literals. Settings live in `[global]`; pyos also needs the `[/]` and `[/img]` sections to exist
 * (od.py writes `config['/']['request.dispatch']`).
 *
 * The settings and values follow upstream's kubernetes-mode file (abcdesktopio/conf
 * `kubernetes/abcdesktop.yaml`, ConfigMap `abcdesktop-config`), minus settings that pyos 1.x does not
 * read or that equal pyos's own defaults and don't matter here; every service name follows the
 * namespace and cluster domain instead of upstream's hard-coded `abcdesktop.svc.cluster.local`.
 */

import { PyosPublicAddress } from "../exposure/publicUrl";
import { jwtKeyPath } from "../jwtKeys/jwtKeys";
import { assertClusterNames, serviceFqdn } from "../shared/naming";
import { LDAP_BIND_PASSWORD_ENV } from "./environment";
import { OdConfigEntry, renderOdConfigFile } from "./odConfigFile";
import { PyDict, PyEnvironmentVariable, PyValue } from "./pythonLiteral";
import { rotatingLogFile } from "./odConfigLogging";
import { explicitManager } from "./odConfigManagers";

/** The LDAP directory users log in with (upstream's `planet` provider of the `explicit` auth manager). */
export interface OdConfigLdap {
    /** `ldap://host[:port]` or `ldaps://host[:port]`; pyos hands it to ldap3 as the server. */
    url: string;
    /** Where users are searched (`ldap_basedn`), e.g. `ou=people,dc=planetexpress,dc=com`. */
    baseDn: string;
    /** Service account pyos binds with to look users up; its password comes from `LDAP_BIND_PASSWORD_ENV`. */
    bindDn: string;
    /** Provider name shown in the login form and used as the `ldapconfig` key. Default `planet` (upstream). */
    providerName?: string;
    /** LDAP timeout in seconds (`ldap_timeout`). Default 15 (upstream). */
    timeoutSeconds?: number;
    /** Let users pick the domain in the login form (`show_domains`). Default true (upstream). */
    showDomains?: boolean;
    /** Users OU (`users_ou`); pyos defaults it to baseDn. */
    usersOu?: string;
    /** User search filter, `%s` = login (`filter`); pyos default `(&(objectClass=inetOrgPerson)(cn=%s))`. */
    userFilter?: string;
    /** User attributes to read (`attrs`); pyos has a default list. */
    userAttributes?: readonly string[];
    /** Group search base (`group_basedn`); pyos defaults it to baseDn. */
    groupBaseDn?: string;
    /** Group search filter (`group_filter`); pyos default `(&(objectClass=Group)(cn=%s))`. */
    groupFilter?: string;
}

export interface OdConfigSettings {
    /** Kubernetes namespace, e.g. "abcdesktop". */
    namespace: string;
    /** Cluster DNS domain, e.g. "cluster.local"; service FQDNs are <svc>.<namespace>.svc.<clusterDomain>. */
    clusterDomain: string;
    /** Full image reference of the user desktop (oc.user). */
    userImage: string;
    /** Printer sidecar image (oc.cupsd); set only when printing is enabled. */
    printerImage?: string;
    /** Sound sidecar image (oc.pulseaudio); set only when sound is enabled. */
    soundImage?: string;
    imagePullPolicy: "Always" | "IfNotPresent" | "Never";
    /** Registry Secret that user pods must use, e.g. "abcdesktopregistrysecret". */
    imagePullSecretName?: string;
    /** The address users open, when pyos is told it (see `pyosPublicAddress`); absent, it follows the browser's origin. */
    publicAddress?: PyosPublicAddress;
    /** Anonymous login provider on/off. */
    anonymousAuth: boolean;
    ldap?: OdConfigLdap;
    /** desktop.homedirectorytype: a pod volume (upstream default) or a shared PersistentVolumeClaim. */
    homeDirectory: { type: "volume" } | { type: "persistentVolumeClaim"; claimName: string };
    /**
     * Raw Python-literal text per key (as Python would read it: the renderer doubles `%` for configparser).
     * Replaces the generated value of that key, or adds the key to `[global]`.
     */
    overrides?: Record<string, string>;
}

// Locales pyos offers to desktops (upstream list; pyos's own default is only en_US).
const LANGUAGES: readonly string[] = (
    "af_ZA am_ET an_ES ar_AE ar_BH ar_DZ ar_EG ar_IN ar_IQ ar_JO ar_KW ar_LB ar_LY ar_MA ar_OM ar_QA ar_SA ar_SD ar_SY " +
    "ar_TN ar_YE as_IN ast_ES az_AZ be_BY bg_BG bn_BD bn_IN bo_CN bo_IN br_FR bs_BA ca_AD ca_ES ca_FR ca_IT crh_UA cs_CZ " +
    "cy_GB da_DK de_AT de_BE de_CH de_DE de_LI de_LU dz_BT el_CY el_GR en_AG en_AU en_BW en_CA en_DK en_GB en_HK en_IE " +
    "en_IN en_NG en_NZ en_PH en_SG en_US en_ZA en_ZM en_ZW eo eo_US es_AR es_BO es_CL es_CO es_CR es_CU es_DO es_EC es_ES " +
    "es_GT es_HN es_MX es_NI es_PA es_PE es_PR es_PY es_SV es_US es_UY es_VE et_EE eu_ES eu_FR fa_IR fi_FI fr_BE fr_CA " +
    "fr_CH fr_FR fr_LU ga_IE gd_GB gl_ES gu_IN he_IL hi_IN hr_HR hu_HU id_ID is_IS it_CH it_IT ja_JP ka_GE kk_KZ km_KH " +
    "kn_IN ko_KR ku_TR lt_LT lv_LV mai_IN mk_MK ml_IN mn_MN mr_IN ms_MY my_MM nb_NO nds_DE nds_NL ne_NP nl_AW nl_BE nl_NL " +
    "nn_NO oc_FR or_IN pa_IN pa_PK pl_PL pt_BR pt_PT ro_RO ru_RU ru_UA si_LK sk_SK sl_SI sq_AL sq_MK sr_ME sr_RS sv_FI " +
    "sv_SE ta_IN ta_LK te_IN tg_TJ th_TH tr_CY tr_TR ug_CN uk_UA uz_UZ vi_VN xh_ZA zh_CN zh_HK zh_SG zh_TW"
).split(" ");

const ALL: PyDict = { permit: ["all"] };

// Builtin dock entries the web front shows by default (upstream values).
const DOCK: PyDict = {
    filemanager: {
        args: null,
        acl: ALL,
        showinview: "dock",
        name: "FileManager",
        keyword: "files,file manager",
        launch: "nautilus.Nautilus",
        displayname: "FileManager",
        execmode: "builtin",
        cat: "utilities,office",
        id: "filemanager.d",
        // pyos opens every dock icon under img/app at start (from 2022-03); no file-manager icon survived its
        // 2022-04 clean-up, and pyos itself serves this one for any missing application icon.
        icon: "application-default-icon.svg",
    },
    terminal: {
        args: "",
        acl: ALL,
        name: "TerminalBuiltin",
        keyword: "terminal,shell,bash,builtin,pantheon",
        launch: "qterminal.qterminal",
        displayname: "Terminal Builtin",
        execmode: "builtin",
        cat: "utilities,development",
        id: "terminalbuiltin.d",
        hideindock: true,
        icon: "pantheon-terminal-builtin-icons.svg",
    },
    webshell: {
        name: "WebShell",
        acl: ALL,
        keyword: "terminal,shell,webshell,bash",
        launch: "frontendjs.webshell",
        displayname: "Web Shell",
        execmode: "frontendjs",
        cat: "utilities,development",
        id: "webshell.d",
        icon: "webshell.svg",
    },
};

// pyos configures Python logging from this dict before anything else (oc/logging.py); upstream handlers.
function loggingConfig(): PyDict {
    const datefmt = "%Y-%m-%d %H:%M:%S";
    return {
        version: 1,
        disable_existing_loggers: false,
        formatters: {
            access: { format: "%(message)s - user: %(userid)s", datefmt },
            standard: { format: "%(asctime)s %(module)s [%(levelname)-7s] %(name)s.%(funcName)s:%(userid)s %(message)s", datefmt },
            syslog: { format: "%(asctime)s %(levelname)s %(module)s %(process)d %(name)s.%(funcName)s:%(userid)s %(message)s", datefmt },
            graylog: { format: "%(levelname)s %(module)s %(process)d %(name)s.%(funcName)s:%(userid)s %(message)s" },
        },
        filters: { odcontext: { "()": "oc.logging.OdContextFilter" } },
        handlers: {
            console: { class: "logging.StreamHandler", filters: ["odcontext"], formatter: "standard", stream: "ext://sys.stdout" },
            cherrypy_console: { class: "logging.StreamHandler", filters: ["odcontext"], formatter: "access", stream: "ext://sys.stdout" },
            cherrypy_access: rotatingLogFile("access", "logs/access.log"),
            cherrypy_trace: { ...rotatingLogFile("standard", "logs/trace.log"), mode: "w" },
        },
        loggers: {
            "": { handlers: ["console", "cherrypy_trace"], level: "DEBUG" },
            "docker.utils.config": { level: "INFO" },
            "urllib3.connectionpool": { level: "ERROR" },
            "cherrypy.access": { handlers: ["cherrypy_access"], level: "INFO", propagate: false },
            "cherrypy.error": { handlers: ["console", "cherrypy_trace"], level: "ERROR", propagate: false },
        },
    };
}

// Every manager pyos's reader walks is declared, used or not: update_locator() dereferences the explicit manager at
// start and pyos 1.x up to branch 2.1 exits without it ('NoneType' object has no attribute 'providers').
function authManagers(settings: OdConfigSettings): PyDict {
    return {
        external: {},
        explicit: explicitManager(settings.ldap),
        implicit: settings.anonymousAuth
            ? {
                  providers: {
                      anonymous: { displayname: "Anonymous", caption: "Have a look !", userid: "anonymous", username: "Anonymous" },
                  },
              }
            : {},
    };
}

/** `ldapconfig`: the directory of the explicit provider, its bind password read from pyos's environment. */
export function ldapConfig(ldap: OdConfigLdap): PyDict {
    const secure = ldap.url.toLowerCase().startsWith("ldaps://");
    const provider: Record<string, PyValue> = {
        default: true,
        ldap_timeout: ldap.timeoutSeconds ?? 15,
        ldap_protocol: secure ? "ldaps" : "ldap",
        ldap_basedn: ldap.baseDn,
        servers: [ldap.url],
        secure,
        serviceaccount: { login: ldap.bindDn, password: new PyEnvironmentVariable(LDAP_BIND_PASSWORD_ENV) },
    };
    const optional: Array<[string, PyValue | undefined]> = [
        ["users_ou", ldap.usersOu],
        ["filter", ldap.userFilter],
        ["attrs", ldap.userAttributes],
        ["group_basedn", ldap.groupBaseDn],
        ["group_filter", ldap.groupFilter],
    ];
    for (const [key, value] of optional) {
        if (value !== undefined) {
            provider[key] = value;
        }
    }
    return { [ldap.providerName ?? "planet"]: provider };
}

const WEBSOCKET_ROUTING_WHY: Record<PyosPublicAddress["websocketRouting"], string> = {
    http_origin: "browsers reach desktops through the host they used for the page",
    default_host_url: "behind the ingress or gateway, desktop WebSockets go to the public host only",
};

/** The generated `[global]` settings, in file order, before overrides. */
export function odConfigEntries(settings: OdConfigSettings): OdConfigEntry[] {
    const { namespace, clusterDomain } = settings;
    assertClusterNames(namespace, clusterDomain);
    const fqdn = (service: string): string => serviceFqdn(service, namespace, clusterDomain);
    const home = settings.homeDirectory;
    const address = settings.publicAddress;

    const entries: OdConfigEntry[] = [
        {
            key: "default_host_url",
            value: address?.defaultHostUrl ?? "http://localhost",
            why: address
                ? "the URL users open, for redirects and icon URLs"
                : "pyos fails to start without it; only used for redirects and icon URLs",
        },
        {
            key: "websocketrouting",
            value: address?.websocketRouting ?? "http_origin",
            why: WEBSOCKET_ROUTING_WHY[address?.websocketRouting ?? "http_origin"],
        },
        { key: "server.socket_host", value: "0.0.0.0", why: "CherryPy binds all pod addresses (its default is 127.0.0.1)" },
        { key: "server.socket_port", value: 8000, why: "the pyos Service and nginx's route.conf use port 8000" },
        { key: "server.default.ipaddr", value: "127.0.0.1", why: "placeholder public IP for geoip/AD site lookups" },
        { key: "stack.mode", value: "kubernetes", why: "user desktops are pods, not docker containers" },
        { key: "namespace", value: namespace, why: "namespace user pods and secrets are created in" },
        {
            key: "stack.kubernetesdefaultdomain",
            value: `${namespace}.svc.${clusterDomain}`,
            why: "domain of <pod>.desktop.<domain> names and of default service hosts",
        },
        {
            key: "jwt_token_user",
            value: {
                exp: 180,
                jwtuserprivatekeyfile: jwtKeyPath("userSigning", "privateKeyFile"),
                jwtuserpublickeyfile: jwtKeyPath("userSigning", "publicKeyFile"),
            },
            why: "user JWT lifetime (s) and its signing keys (Secret abcdesktopjwtusersigning)",
        },
        {
            key: "jwt_token_desktop",
            value: {
                exp: 360,
                jwtdesktopprivatekeyfile: jwtKeyPath("desktopSigning", "privateKeyFile"),
                jwtdesktoppublickeyfile: jwtKeyPath("desktopSigning", "publicKeyFile"),
                payloaddesktoppublickeyfile: jwtKeyPath("desktopPayload", "publicKeyFile"),
            },
            why: "desktop JWT lifetime (s), signing keys and payload key; nginx holds the matching keys",
        },
        { key: "authmanagers", value: authManagers(settings), why: "login methods: explicit = LDAP, implicit = anonymous" },
    ];
    if (settings.ldap) {
        entries.push({ key: "ldapconfig", value: ldapConfig(settings.ldap), why: "LDAP directory of the explicit provider" });
    }
    entries.push(
        { key: "memcacheserver", value: fqdn("memcached"), why: "memcached Service (pyos caches sessions there)" },
        { key: "memcachedport", value: 11211, why: "memcached Service port" },
        {
            key: "mongodburl",
            value: `mongodb://${fqdn("mongodb")}:27017`,
            why: "fallback only: the MONGODB_URL env var (with credentials) takes precedence",
        },
        { key: "language", value: LANGUAGES, why: "locales offered to desktops (pyos default is en_US only)" },
        { key: "desktop.image", value: settings.userImage, why: "user desktop container image" },
        { key: "desktop.imagePullPolicy", value: settings.imagePullPolicy, why: "pull policy of user pod images" },
        {
            key: "desktop.imagePullSecret",
            value: settings.imagePullSecretName ?? null,
            why: "registry Secret added to user pods (None: public registry)",
        },
    );
    if (settings.imagePullSecretName !== undefined) {
        // pyos builds from April 2022 on read the lower-case key instead; older ones ignore it.
        entries.push({
            key: "desktop.imagepullsecret",
            value: settings.imagePullSecretName,
            why: "same Secret, key name read by newer pyos 1.x builds",
        });
    }
    entries.push(
        { key: "desktop.printerimage", value: settings.printerImage ?? null, why: "printer sidecar (oc.cupsd); None: no printing" },
        { key: "desktop.useprintercontainer", value: settings.printerImage !== undefined, why: "add the printer sidecar to user pods" },
        { key: "desktop.soundimage", value: settings.soundImage ?? null, why: "sound sidecar (oc.pulseaudio); None: no sound" },
        { key: "desktop.usesoundcontainer", value: settings.soundImage !== undefined, why: "add the sound sidecar to user pods" },
        {
            key: "desktop.homedirectorytype",
            value: home.type,
            why: "volume: home lives and dies with the pod; persistentVolumeClaim: one subPath per user on a shared claim",
        },
    );
    if (home.type === "persistentVolumeClaim") {
        entries.push({ key: "desktop.persistentvolumeclaim", value: home.claimName, why: "claim holding user homes" });
    }
    entries.push(
        {
            key: "desktop.application_config",
            value: { auto_remove: true, network_mode: "container", shm_size: "2g", mem_limit: "2g", cpu_period: 200000, cpu_quota: 200000 },
            why: "limits of application containers",
        },
        {
            key: "desktop.host_config",
            value: { auto_remove: true, pid_mode: true, network_mode: "container", shm_size: "2G", mem_limit: "1G" },
            why: "desktop limits; mem_limit becomes the user pod's memory limit",
        },
        { key: "desktop.sharednetworkstack", value: true, why: "applications share the desktop's network stack" },
        { key: "desktop.allowPrivilegeEscalation", value: false, why: "no sudo/setuid in user pods" },
        {
            key: "desktop.defaultbackgroundcolors",
            value: ["#6EC6F0", "#333333", "#666666", "#CD3C14", "#4BB4E6", "#50BE87", "#A885D8", "#FFB4E6"],
            why: "background colors offered to users",
        },
        {
            key: "desktop.envlocal",
            value: {
                DISPLAY: ":0.0",
                USER: "balloon",
                LIBOVERLAY_SCROLLBAR: "0",
                UBUNTU_MENUPROXY: "0",
                HOME: "/home/balloon",
                LOGNAME: "balloon",
            },
            why: "static environment of the desktop container",
        },
        { key: "desktop.username", value: "balloon", why: "generic user baked into the oc.user image" },
        { key: "desktop.userid", value: 4096, why: "its uid in the oc.user image" },
        { key: "desktop.groupid", value: 4096, why: "its gid in the oc.user image" },
        { key: "desktop.userhomedirectory", value: "/home/balloon", why: "its home in the oc.user image" },
        { key: "dock", value: DOCK, why: "builtin applications of the dock" },
        {
            key: "front.menuconfig",
            value: { settings: true, appstore: true, screenshot: true, download: true, logout: true, disconnect: true },
            why: "entries of the web front's menu",
        },
        {
            key: "printer.cupsdriverLanguageMap",
            value: {
                PCL: "drv:///sample.drv/generpcl.ppd",
                PCLXL: "drv:///sample.drv/generpcl.ppd",
                PostScript: "drv:///sample.drv/generic.ppd",
                HPGL2: "drv:///sample.drv/generpcl.ppd",
                default: "drv:///sample.drv/generic.ppd",
            },
            why: "CUPS driver per printer language",
        },
        { key: "printer.cupsPrinterEmbeddedList", value: ["abcdesktop_PDF_Printer"], why: "printer built into oc.user" },
        { key: "logging", value: loggingConfig(), why: "pyos's Python logging setup (required)" },
    );
    return entries;
}

/** The complete od.config text. */
export function renderOdConfig(settings: OdConfigSettings): string {
    return renderOdConfigFile(
        "od.config for pyos (abcdesktop 1.x, kubernetes mode), generated by the deployment.",
        odConfigEntries(settings),
        settings.overrides,
    );
}
