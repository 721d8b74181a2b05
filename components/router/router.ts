import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { frontDoorPeers, frontDoorService } from "../exposure/frontDoor";
import { ExposureSettings } from "../exposure/settings";
import { tlsSecretName, tlsTermination } from "../exposure/tls";
import { jwtKeyMounts, jwtKeyPath, JwtKeys } from "../jwtKeys/jwtKeys";
import { contentChecksum } from "../shared/checksums";
import { ComponentScope, DeploymentContext } from "../shared/context";
import { serviceFqdn } from "../shared/naming";
import { allowIngress } from "../shared/networkPolicy";
import { httpProbes, imageFields, podIdentityEnv } from "../shared/podSpec";
import { resourceRequirements } from "../shared/resources";
import { scalingObjects } from "../shared/scaling";
import { singleContainerDeployment } from "../shared/singleContainerDeployment";
import { renderRouterHttpsSite, ROUTER_HTTPS_PORT, ROUTER_TLS_DIRECTORY } from "./httpsSite";
import { RouterSettings } from "./settings";
import { workloadOptions } from "../shared/podReferences";

export const ROUTER_HTTP_PORT = 80;
/** The front door's Service, upstream's name. */
export const ROUTER_SERVICE_NAME = "http-router";

/** What the router mounts and reaches. */
export interface RouterDependencies {
    keys: JwtKeys;
    /** Checksum identifying the JWT keys (changes exactly when they do), so a rotation rolls the router. */
    jwtKeysChecksum: pulumi.Input<string>;
    /** The Services the router names in its nginx configuration: nginx resolves them once, at start, and stops if one is missing. */
    upstreams: k8s.core.v1.Service[];
    /** How users reach the router: its Service's type, who may connect, and whether it terminates TLS. */
    exposure: ExposureSettings;
}

/** With TLS in the router: its server file and the TLS Secret, mounted over the image's plain-HTTP server. */
interface RouterTls {
    configMap: k8s.core.v1.ConfigMap;
    siteText: string;
    secretName: string;
}

/**
 * Deployment `router-od` and Service `http-router` (of `exposure.type`): the front door of release 4.4. OpenResty verifies each
 * desktop JWT with the signing public key, decrypts its target with the payload private key and proxies the
 * browser to the user's pod, pyos (`/API`), the console (`/console`), speedtest and the website (`/`).
 */
export class Router extends pulumi.ComponentResource {
    public readonly deployment: k8s.apps.v1.Deployment;
    public readonly service: k8s.core.v1.Service;
    /** ConfigMap `router-https-config`, when the router terminates TLS. */
    public readonly httpsConfigMap?: k8s.core.v1.ConfigMap;

    constructor(context: DeploymentContext, settings: RouterSettings, deps: RouterDependencies, opts?: pulumi.ComponentResourceOptions) {
        super("abcdesktop:index:Router", context.instance, {}, opts);
        const scope = new ComponentScope(context, "router");
        const { namespace, clusterDomain } = context.platform;
        const keys = jwtKeyMounts("4.4", [
            ["desktopSigning", deps.keys.secrets.desktopSigning],
            ["desktopPayload", deps.keys.secrets.desktopPayload],
        ]);
        const tls = routerTls(scope, deps.exposure, this);
        this.httpsConfigMap = tls?.configMap;
        const port = tls ? { name: "https", port: ROUTER_HTTPS_PORT } : { name: "http", port: ROUTER_HTTP_PORT };
        const selector = { name: "router-od" };
        this.deployment = singleContainerDeployment(
            scope,
            {
                deploymentName: "router-od",
                selector,
                extraPodLabels: {
                    run: "router-od",
                    type: "router-od",
                    // Upstream's network-policy labels: what the router may reach.
                    "netpol/speedtest": "true",
                    "netpol/pyos": "true",
                    "netpol/ocuser": "true",
                    "netpol/dns": "true",
                    "netpol/nginx": "true",
                    "netpol/console": "true",
                },
                podAnnotations: {
                    "checksum/jwt-keys": deps.jwtKeysChecksum,
                    ...(tls ? { "checksum/router-https-config": contentChecksum("", [tls.siteText]) } : {}),
                },
                scaling: settings,
                container: {
                    name: "nginx-router",
                    ...imageFields(scope.image(settings.image)),
                    ports: [{ containerPort: port.port, name: port.name }],
                    env: [
                        { name: "JWT_DESKTOP_PAYLOAD_PRIVATE_KEY", value: jwtKeyPath("desktopPayload", "privateKeyFile") },
                        { name: "JWT_DESKTOP_SIGNING_PUBLIC_KEY", value: jwtKeyPath("desktopSigning", "publicKeyFile") },
                        ...podIdentityEnv(),
                        // The router resolves pyos per request with nginx's resolver, which ignores the search path: without
                        // the full name it depends on the PYOS_SERVICE_HOST variable, present only if Service pyos existed
                        // before the pod.
                        { name: "PYOS_FQDN", value: serviceFqdn("pyos", namespace, clusterDomain) },
                    ],
                    volumeMounts: [...keys.volumeMounts, ...(tls ? tlsMounts : [])],
                    // route.conf answers /healthz on whichever server includes it; the kubelet does not check certificates.
                    ...httpProbes("/healthz", port.port, 5, tls ? "HTTPS" : "HTTP"),
                    resources: resourceRequirements(settings.resources),
                },
                volumes: [...keys.volumes, ...(tls ? tlsVolumes(tls) : [])],
            },
            workloadOptions(context, this, keys.secrets, deps.upstreams),
        );
        scalingObjects(scope, { deploymentName: "router-od", selector, deployment: this.deployment }, settings, { parent: this });
        this.service = frontDoorService(
            scope,
            { serviceName: ROUTER_SERVICE_NAME, selector: { run: "router-od" }, port, labels: scope.roleLabel() },
            deps.exposure,
            { parent: this },
        );
        // The entry point: anyone may connect, or only the ingress controller's or gateway's proxies in front of it.
        allowIngress(
            scope,
            {
                policyName: "router-od-permits",
                pods: { run: "router-od" },
                fromNamespaces: frontDoorPeers(deps.exposure),
                ports: [port.port],
                onlyDnsEgress: false,
            },
            { parent: this },
        );
        this.registerOutputs({});
    }
}

const TLS_VOLUMES = { config: "router-https-config", certificate: "router-tls" };

// The server file replaces the image's own, so that nothing listens in plain HTTP; the Secret's whole folder is
// mounted (no subPath), so that the kubelet updates it in place when the certificate is renewed.
const tlsMounts: k8s.types.input.core.v1.VolumeMount[] = [
    { name: TLS_VOLUMES.config, mountPath: "/etc/nginx/sites-enabled/routehttp.conf", subPath: "routehttps.conf", readOnly: true },
    { name: TLS_VOLUMES.certificate, mountPath: ROUTER_TLS_DIRECTORY, readOnly: true },
];

function tlsVolumes(tls: RouterTls): k8s.types.input.core.v1.Volume[] {
    return [
        { name: TLS_VOLUMES.config, configMap: { name: tls.configMap.metadata.name } },
        { name: TLS_VOLUMES.certificate, secret: { secretName: tls.secretName } },
    ];
}

/** ConfigMap `router-https-config` and the TLS Secret's name, when the router terminates TLS. */
function routerTls(scope: ComponentScope, exposure: ExposureSettings, parent: pulumi.Resource): RouterTls | undefined {
    const secretName = tlsSecretName(exposure);
    if (tlsTermination(exposure) !== "frontDoor" || secretName === undefined) return undefined;
    const { namespace, clusterDomain } = scope.platform;
    const siteText = renderRouterHttpsSite({ namespace, clusterDomain });
    const configMap = new k8s.core.v1.ConfigMap(
        `${scope.context.instance}-router-https-config`,
        { metadata: scope.metadata("router-https-config", scope.roleLabel()), data: { "routehttps.conf": siteText } },
        { parent },
    );
    return { configMap, siteText, secretName };
}
