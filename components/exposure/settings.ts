import { DNS_LABEL, DNS_SUBDOMAIN } from "../shared/naming";
import { inEveryRelease, Release, SettingsModule } from "../shared/settingsModule";
import { SettingsCheck } from "../shared/validation";

/** How users reach the front door (1.0's Service `nginx`, 4.4's Service `http-router`). */
export const ExposureType = {
    /** A NodePort Service: users open `http://<node>:<exposure.nodePort>/`. */
    nodePort: "nodePort",
    /** A LoadBalancer Service: the cloud's load balancer forwards port 80 (443 when the router terminates TLS). */
    loadBalancer: "loadBalancer",
    /** An Ingress for `exposure.hostname`, served by the cluster's ingress controller. */
    ingress: "ingress",
    /** A Gateway API HTTPRoute for `exposure.hostname`, on an existing Gateway or on one the package creates. */
    gateway: "gateway",
} as const;
/** How users reach the front door. */
export type ExposureType = (typeof ExposureType)[keyof typeof ExposureType];

/** Kind of a cert-manager issuer. */
export const IssuerKind = {
    /** An Issuer of the platform's namespace. */
    Issuer: "Issuer",
    /** A ClusterIssuer, shared by every namespace. */
    ClusterIssuer: "ClusterIssuer",
} as const;
/** Kind of a cert-manager issuer. */
export type IssuerKind = (typeof IssuerKind)[keyof typeof IssuerKind];

/** Where the certificate of `exposure.hostname` comes from: one of `secretName` and `issuer`. */
export interface ExposureTlsArgs {
    /** An existing Secret of type `kubernetes.io/tls` in the platform's namespace, holding the certificate of `exposure.hostname` (keys `tls.crt` and `tls.key`). */
    secretName?: string;
    /** A cert-manager issuer that signs the certificate: the package creates Certificate `abcdesktop-tls` for `exposure.hostname`, and cert-manager writes and renews Secret `abcdesktop-tls`. Needs cert-manager in the cluster. */
    issuer?: string;
    /** Kind of `issuer`: `Issuer` (in the platform's namespace) or `ClusterIssuer`. Default `Issuer`. */
    issuerKind?: IssuerKind;
    /** Release 4.4, types `nodePort` and `loadBalancer`: router-od terminates TLS itself with this certificate, on port 443 (README, Behind HTTPS). With `ingress` and `gateway` the controller terminates TLS. Default `false`. */
    inRouter?: boolean;
}

/** A Gateway the HTTPRoute attaches to (Gateway API `parentRefs`). */
export interface GatewayParentRefArgs {
    /** Name of the Gateway. */
    name: string;
    /** Namespace of the Gateway; absent means the platform's. Its listener must allow routes from the platform's namespace. */
    namespace?: string;
    /** Name of one listener of the Gateway (its HTTPS listener, say); absent means every listener whose hostname matches. */
    sectionName?: string;
}

/** The Gateway API objects of `exposure.type: gateway`. */
export interface ExposureGatewayArgs {
    /** Existing Gateways to attach the HTTPRoute to; their HTTPS listeners hold the certificate. Absent: the package creates Gateway `gateway-abcdesktop` (of GatewayClass `exposure.className`), with one listener for `exposure.hostname` (HTTPS with `exposure.tls`, HTTP otherwise). */
    parentRefs?: GatewayParentRefArgs[];
    /** The HTTPRoute's `timeouts.request`, a Gateway API duration (`0s`, `90s`, `1h`...). A desktop session is one long-lived request: `0s` asks the gateway for no limit at all, as the Gateway API defines it. Default `0s`. */
    requestTimeout?: string;
}

/** Who may connect to the front door with `exposure.type` `ingress` or `gateway`: the proxy pods of the ingress controller or gateway. */
export interface ExposureProxyArgs {
    /** Namespace of the ingress controller's or gateway's proxy pods, the only pods that may connect to the front door (e.g. `traefik`, `nginx-ingress`, `envoy-gateway-system`). Absent: pods of every namespace, since where the controller runs is the cluster's choice; nothing from outside the cluster gets in (README, Behind HTTPS). */
    namespace?: string;
    /** Labels of those proxy pods (all must match), e.g. `{"app.kubernetes.io/name": "traefik"}`; none means every pod of `namespace`. Default `{}`. */
    podLabels?: { [label: string]: string };
}

/** How users reach the platform: the front door's Service, and the Ingress or Gateway API objects in front of it. */
export interface ExposureArgs {
    /** `nodePort`, `loadBalancer`, `ingress` or `gateway` (README, Behind HTTPS). Default `nodePort`. */
    type?: ExposureType;
    /** Host name users type in their browser (an IP address too with `nodePort` and `loadBalancer`); builds the `url` output. Required with `ingress` and `gateway`. Default `localhost`. */
    hostname?: string;
    /** NodePort of the front door's Service, the port users open (30000-32767), with type `nodePort` only. Default `30443`. */
    nodePort?: number;
    /** The certificate of `hostname`: the ingress controller or gateway terminates TLS with it, or with `tls.inRouter` the router (release 4.4). Absent: plain HTTP. */
    tls?: ExposureTlsArgs;
    /** IngressClass of the Ingress, or GatewayClass of the Gateway the package creates. Absent: the cluster's default IngressClass, or GatewayClass `eg` (Envoy Gateway's). */
    className?: string;
    /** The Gateway API objects, with type `gateway`. */
    gateway?: ExposureGatewayArgs;
    /** Annotations added to the Ingress or the HTTPRoute, over the package's own (its timeouts among them). Default `{}`. */
    annotations?: { [key: string]: string };
    /** Annotations of the front door's Service, e.g. a cloud load balancer's settings. Default `{}`. */
    serviceAnnotations?: { [key: string]: string };
    /** Who may connect to the front door behind an ingress controller or gateway (with `networkPolicies`). */
    proxy?: ExposureProxyArgs;
}

/** Exposure with every default applied. */
export interface ExposureSettings {
    type: ExposureType;
    hostname: string;
    nodePort: number;
    tls: ExposureTlsArgs & { issuerKind: IssuerKind; inRouter: boolean };
    className?: string;
    gateway: ExposureGatewayArgs & { requestTimeout: string };
    annotations: Record<string, string>;
    serviceAnnotations: Record<string, string>;
    proxy: ExposureProxyArgs & { podLabels: Record<string, string> };
}

const DEFAULTS: ExposureSettings = {
    type: "nodePort",
    hostname: "localhost",
    nodePort: 30443,
    tls: { issuerKind: "Issuer", inRouter: false },
    gateway: { requestTimeout: "0s" },
    annotations: {},
    serviceAnnotations: {},
    proxy: { podLabels: {} },
};

export const NODE_PORT_RANGE = { min: 30000, max: 32767 } as const;

/** A host name or an IP address (v4, or v6 in brackets), without scheme or port. */
const HOSTNAME = /^([A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)(\.[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)*$|^\[[0-9a-fA-F:]+\]$/;
/** An IPv4 address, or an IPv6 one in brackets, as `exposure.hostname` allows them. */
export const IP_ADDRESS = /^[0-9.]+$|^\[[0-9a-fA-F:]+\]$/;
/** A Gateway API duration (GEP-2257), as the HTTPRoute CRD validates it. */
const GATEWAY_DURATION = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/;

/** The types with a proxy in front of the front door: it routes by host name and may terminate TLS. */
export const PROXIED_TYPES: readonly ExposureType[] = ["ingress", "gateway"];

/** Settings only some types read, and why: given with another type, they are refused. */
const SETTINGS_OF_TYPES: [path: string, types: readonly ExposureType[], why: string][] = [
    ["exposure.nodePort", ["nodePort"], "the other types leave the Service's node ports to Kubernetes"],
    ["exposure.className", PROXIED_TYPES, "it names an IngressClass or a GatewayClass"],
    ["exposure.gateway", ["gateway"], "it shapes the Gateway API objects"],
    ["exposure.annotations", PROXIED_TYPES, "it annotates the Ingress or the HTTPRoute; the Service's go in exposure.serviceAnnotations"],
    ["exposure.proxy", PROXIED_TYPES, "with the other types anyone may connect to the front door"],
];

function checkTls(check: SettingsCheck, type: ExposureType): void {
    const given = (["secretName", "issuer"] as const).filter((field) => check.isGiven(`exposure.tls.${field}`));
    check.pattern("exposure.tls.secretName", DNS_SUBDOMAIN, "a Secret name (a DNS-1123 subdomain)");
    check.pattern("exposure.tls.issuer", DNS_SUBDOMAIN, "a cert-manager issuer name (a DNS-1123 subdomain)");
    check.oneOf("exposure.tls.issuerKind", Object.values(IssuerKind));
    if (!given.includes("issuer")) check.noEffect("exposure.tls.issuerKind", "exposure.tls.issuer is set");
    if (given.length === 2) {
        check.problem(
            "exposure.tls",
            `secretName ${check.show("exposure.tls.secretName")} and issuer ${check.show("exposure.tls.issuer")} are both given; allowed: one of them (secretName: an existing TLS Secret; issuer: cert-manager writes Secret abcdesktop-tls)`,
        );
    }
    const inRouter = check.value("exposure.tls.inRouter") === true;
    if (inRouter) {
        if (check.release === "1.0") {
            check.problem(
                "exposure.tls.inRouter",
                `true is a setting of release "4.4", whose router terminates TLS, and release is "1.0"; allowed: exposure.type "ingress" or "gateway" (the controller terminates TLS), or release "4.4"`,
            );
        }
        if (PROXIED_TYPES.includes(type)) {
            check.problem(
                "exposure.tls.inRouter",
                `true is not allowed with exposure.type ${JSON.stringify(type)}, whose controller terminates TLS; allowed: false, or exposure.type "nodePort" or "loadBalancer"`,
            );
        }
        if (given.length === 0)
            check.problem("exposure.tls.inRouter", "true needs the certificate: exposure.tls.secretName or exposure.tls.issuer");
    }
    if (given.length === 0) return;
    const path = `exposure.tls.${given[0]}`;
    if (!PROXIED_TYPES.includes(type)) {
        if (!inRouter) check.noEffect(path, `exposure.tls.inRouter is true (release 4.4) with exposure.type ${JSON.stringify(type)}`);
        // Behind a proxy the host name is required anyway.
        else if (!check.isGiven("exposure.hostname")) {
            check.problem("exposure.hostname", "required with exposure.tls: the name the certificate is for, e.g. desk.example.com");
        }
    }
    if (type === "gateway" && check.isGiven("exposure.gateway.parentRefs")) {
        check.problem(
            path,
            `${check.show(path)} is not used with exposure.gateway.parentRefs, whose HTTPS listener holds the certificate; allowed: no exposure.tls, or no parentRefs (the package then creates a Gateway with this certificate)`,
        );
    }
}

function checkGateway(check: SettingsCheck): void {
    check.pattern("exposure.gateway.requestTimeout", GATEWAY_DURATION, "a Gateway API duration such as 0s, 90s or 1h");
    const parentRefs = check.value("exposure.gateway.parentRefs") as unknown[] | undefined;
    if (parentRefs === undefined) return;
    if (parentRefs.length === 0)
        check.problem(
            "exposure.gateway.parentRefs",
            "[] names no Gateway; allowed: at least one, or no parentRefs to have a Gateway created",
        );
    parentRefs.forEach((_, i) => {
        check.pattern(`exposure.gateway.parentRefs[${i}].name`, DNS_SUBDOMAIN, "a Gateway name (a DNS-1123 subdomain)");
        check.pattern(`exposure.gateway.parentRefs[${i}].namespace`, DNS_LABEL, "a namespace name (a DNS-1123 label)", 63);
        check.pattern(`exposure.gateway.parentRefs[${i}].sectionName`, DNS_SUBDOMAIN, "a listener name (a DNS-1123 subdomain)");
    });
    if (check.isGiven("exposure.className")) {
        check.problem(
            "exposure.className",
            `${check.show("exposure.className")} is not used with exposure.gateway.parentRefs: the existing Gateway has its class; allowed: no className, or no parentRefs (the package then creates a Gateway of this class)`,
        );
    }
}

function check(check: SettingsCheck): void {
    check.oneOf("exposure.type", Object.values(ExposureType));
    const type = check.value("exposure.type") as ExposureType;
    // What else is allowed depends on the type: an unknown one is all there is to say.
    if (!Object.values(ExposureType).includes(type)) return;
    check.pattern("exposure.hostname", HOSTNAME, "a host name or IP address (no scheme, no port)");
    check.integerIn(
        "exposure.nodePort",
        NODE_PORT_RANGE.min,
        NODE_PORT_RANGE.max,
        `an integer from ${NODE_PORT_RANGE.min} to ${NODE_PORT_RANGE.max} (the NodePort range)`,
    );
    for (const [path, types, why] of SETTINGS_OF_TYPES) {
        if (check.isGiven(path) && !types.includes(type)) {
            const named = types.map((t) => JSON.stringify(t)).join(" and ");
            check.problem(
                path,
                `${check.show(path)} is a setting of exposure.type ${named}, and exposure.type is ${JSON.stringify(type)}: ${why}`,
            );
        }
    }
    if (PROXIED_TYPES.includes(type)) {
        const withType = `with exposure.type ${JSON.stringify(type)}`;
        if (!check.isGiven("exposure.hostname")) {
            check.problem("exposure.hostname", `required ${withType}: the host name users open, e.g. desk.example.com`);
        } else {
            // Ingress rules and HTTPRoute hostnames take DNS names only; an IPv4 address would pass the pattern.
            const hostname = check.value("exposure.hostname");
            const notADnsName = typeof hostname === "string" && (IP_ADDRESS.test(hostname) || !DNS_SUBDOMAIN.test(hostname));
            if (notADnsName) {
                check.problem(
                    "exposure.hostname",
                    `${check.show("exposure.hostname")} is not a DNS name such as desk.example.com ${withType} (lower case, no IP address)`,
                );
            }
        }
        check.pattern("exposure.className", DNS_SUBDOMAIN, "a class name (a DNS-1123 subdomain)");
        check.labelMap("exposure.annotations", "annotation");
        check.pattern("exposure.proxy.namespace", DNS_LABEL, "a namespace name (a DNS-1123 label)", 63);
        check.labelMap("exposure.proxy.podLabels", "label");
        if (check.value("networkPolicies") === false) {
            for (const field of ["namespace", "podLabels"]) check.noEffect(`exposure.proxy.${field}`, "networkPolicies is true");
        }
    }
    if (type === "gateway") checkGateway(check);
    check.labelMap("exposure.serviceAnnotations", "annotation");
    checkTls(check, type);
}

export const exposureSettings: SettingsModule<Record<Release, ExposureSettings>> = { defaults: inEveryRelease(DEFAULTS), check };
