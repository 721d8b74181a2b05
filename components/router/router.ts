import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { jwtKeyMounts, jwtKeyPath, JwtKeys } from "../jwtKeys/jwtKeys";
import { ComponentScope, DeploymentContext } from "../shared/context";
import { serviceFqdn } from "../shared/naming";
import { allowIngress } from "../shared/networkPolicy";
import { httpProbes, imageFields, podIdentityEnv } from "../shared/podSpec";
import { resourceRequirements } from "../shared/resources";
import { scalingObjects } from "../shared/scaling";
import { singleContainerDeployment } from "../shared/singleContainerDeployment";
import { RouterSettings } from "./settings";
import { workloadOptions } from "../shared/podReferences";

export const ROUTER_HTTP_PORT = 80;

/** What the router mounts and reaches. */
export interface RouterDependencies {
    keys: JwtKeys;
    /** Checksum identifying the JWT keys (changes exactly when they do), so a rotation rolls the router. */
    jwtKeysChecksum: pulumi.Input<string>;
    /** The Services the router names in its nginx configuration: nginx resolves them once, at start, and stops if one is missing. */
    upstreams: k8s.core.v1.Service[];
    /** NodePort of Service `http-router`. */
    nodePort: number;
}

/**
 * Deployment `router-od` and NodePort Service `http-router`: the front door of release 4.4. OpenResty verifies each
 * desktop JWT with the signing public key, decrypts its target with the payload private key and proxies the
 * browser to the user's pod, pyos (`/API`), the console (`/console`), speedtest and the website (`/`).
 */
export class Router extends pulumi.ComponentResource {
    public readonly deployment: k8s.apps.v1.Deployment;
    public readonly service: k8s.core.v1.Service;

    constructor(context: DeploymentContext, settings: RouterSettings, deps: RouterDependencies, opts?: pulumi.ComponentResourceOptions) {
        super("abcdesktop:index:Router", context.instance, {}, opts);
        const scope = new ComponentScope(context, "router");
        const { namespace, clusterDomain } = context.platform;
        const keys = jwtKeyMounts("4.4", [
            ["desktopSigning", deps.keys.secrets.desktopSigning],
            ["desktopPayload", deps.keys.secrets.desktopPayload],
        ]);
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
                podAnnotations: { "checksum/jwt-keys": deps.jwtKeysChecksum },
                scaling: settings,
                container: {
                    name: "nginx-router",
                    ...imageFields(scope.image(settings.image)),
                    ports: [{ containerPort: ROUTER_HTTP_PORT, name: "http" }],
                    env: [
                        { name: "JWT_DESKTOP_PAYLOAD_PRIVATE_KEY", value: jwtKeyPath("desktopPayload", "privateKeyFile") },
                        { name: "JWT_DESKTOP_SIGNING_PUBLIC_KEY", value: jwtKeyPath("desktopSigning", "publicKeyFile") },
                        ...podIdentityEnv(),
                        // The router resolves pyos per request with nginx's resolver, which ignores the search path: without
                        // the full name it depends on the PYOS_SERVICE_HOST variable, present only if Service pyos existed
                        // before the pod.
                        { name: "PYOS_FQDN", value: serviceFqdn("pyos", namespace, clusterDomain) },
                    ],
                    volumeMounts: keys.volumeMounts,
                    ...httpProbes("/healthz", ROUTER_HTTP_PORT, 5),
                    resources: resourceRequirements(settings.resources),
                },
                volumes: keys.volumes,
            },
            workloadOptions(context, this, keys.secrets, deps.upstreams),
        );
        scalingObjects(scope, { deploymentName: "router-od", selector, deployment: this.deployment }, settings, { parent: this });
        this.service = new k8s.core.v1.Service(
            `${context.instance}-http-router`,
            {
                metadata: scope.metadata("http-router", scope.roleLabel()),
                spec: {
                    type: "NodePort",
                    selector: { run: "router-od" },
                    ports: [
                        { name: "http", port: ROUTER_HTTP_PORT, targetPort: ROUTER_HTTP_PORT, protocol: "TCP", nodePort: deps.nodePort },
                    ],
                },
            },
            { parent: this },
        );
        // The entry point: anyone may connect.
        allowIngress(
            scope,
            { policyName: "router-od-permits", pods: { run: "router-od" }, ports: [ROUTER_HTTP_PORT], onlyDnsEgress: false },
            { parent: this },
        );
        this.registerOutputs({});
    }
}
