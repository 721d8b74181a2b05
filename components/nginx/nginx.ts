import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ExposureSettings } from "../exposure/settings";
import { frontDoorPeers, frontDoorService } from "../exposure/frontDoor";
import { jwtKeyMounts, jwtKeyPath, JwtKeys } from "../jwtKeys/jwtKeys";
import { movedFromComponent } from "../shared/aliases";
import { contentChecksum } from "../shared/checksums";
import { ComponentScope, DeploymentContext } from "../shared/context";
import { allowIngress } from "../shared/networkPolicy";
import { httpProbes, imageFields, podIdentityEnv, podSpec } from "../shared/podSpec";
import { workloadOptions } from "../shared/podReferences";
import { resourceRequirements } from "../shared/resources";
import { NginxSettings } from "./settings";
import { renderNginxDefaultSite } from "./site";

export const NGINX_HTTP_PORT = 80;
/** The front door's Service, upstream's name. */
export const NGINX_SERVICE_NAME = "nginx";
/** ConfigMap of nginx's site, mounted at /etc/nginx/sites-enabled/default. */
export const NGINX_CONFIGMAP_NAME = "nginx-config";

/** What nginx mounts besides its own ConfigMap, and where users reach it. */
export interface NginxDependencies {
    keys: JwtKeys;
    /** Checksum identifying the JWT keys (changes exactly when they do). */
    jwtKeysChecksum: pulumi.Input<string>;
    /** How users reach nginx: its Service's type and who may connect. */
    exposure: ExposureSettings;
}

/**
 * DaemonSet `daemonset-nginx`, Service `nginx` (of `exposure.type`) and ConfigMap `nginx-config` (its site): the web front end
 * on every node. It serves the UI, proxies the API to pyos and routes each user's traffic to their desktop pod after
 * verifying the JWT with the signing public key and decrypting its target with the payload private key.
 */
export class Nginx extends pulumi.ComponentResource {
    public readonly configMap: k8s.core.v1.ConfigMap;
    public readonly daemonSet: k8s.apps.v1.DaemonSet;
    public readonly service: k8s.core.v1.Service;

    constructor(context: DeploymentContext, settings: NginxSettings, deps: NginxDependencies, opts?: pulumi.ComponentResourceOptions) {
        const name = context.instance;
        super("abcdesktop:index:Nginx", name, {}, opts);
        const scope = new ComponentScope(context, "nginx");
        const { namespace, clusterDomain } = context.platform;
        const siteText = renderNginxDefaultSite({ namespace, clusterDomain });
        this.configMap = new k8s.core.v1.ConfigMap(
            `${name}-nginx-config`,
            { metadata: scope.metadata(NGINX_CONFIGMAP_NAME), data: { default: siteText } },
            // Until 0.2 both ConfigMaps sat under one AbcdesktopConfigMaps component.
            { parent: this, aliases: [movedFromComponent(context, "abcdesktop:index:AbcdesktopConfigMaps")] },
        );
        const selector = { name: "daemonset-nginxpods" };
        const podLabels = {
            ...selector,
            run: "nginx-od",
            type: "frontend",
            // Upstream's network-policy labels: what nginx is allowed to reach.
            "netpol/speedtest": "true",
            "netpol/memcached": "true",
            "netpol/pyos": "true",
            "netpol/ocuser": "true",
            "netpol/dns": "true",
        };
        const jwtKeys = jwtKeyMounts("1.0", [
            ["desktopSigning", deps.keys.secrets.desktopSigning],
            ["desktopPayload", deps.keys.secrets.desktopPayload],
        ]);
        this.daemonSet = new k8s.apps.v1.DaemonSet(
            `${name}-daemonset-nginx`,
            {
                metadata: scope.metadata("daemonset-nginx"),
                spec: {
                    selector: { matchLabels: selector },
                    updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1 } },
                    template: {
                        metadata: {
                            labels: scope.podLabels(podLabels),
                            annotations: {
                                "checksum/nginx-config": contentChecksum("", [siteText]),
                                "checksum/jwt-keys": deps.jwtKeysChecksum,
                            },
                        },
                        spec: podSpec(context, {
                            dnsPolicy: "ClusterFirst",
                            containers: [
                                {
                                    name: "nginx",
                                    ...imageFields(scope.image(settings.image)),
                                    command: ["/usr/sbin/nginx"],
                                    ports: [
                                        { name: "http", containerPort: NGINX_HTTP_PORT },
                                        { name: "https", containerPort: 443 },
                                    ],
                                    env: [
                                        { name: "JWT_DESKTOP_PAYLOAD_PRIVATE_KEY", value: jwtKeyPath("desktopPayload", "privateKeyFile") },
                                        { name: "JWT_DESKTOP_SIGNING_PUBLIC_KEY", value: jwtKeyPath("desktopSigning", "publicKeyFile") },
                                        ...podIdentityEnv(),
                                    ],
                                    volumeMounts: [
                                        ...jwtKeys.volumeMounts,
                                        {
                                            name: "default-config",
                                            mountPath: "/etc/nginx/sites-enabled/default",
                                            subPath: "default",
                                            readOnly: true,
                                        },
                                    ],
                                    ...httpProbes("/", NGINX_HTTP_PORT),
                                    resources: resourceRequirements(settings.resources),
                                },
                            ],
                            volumes: [...jwtKeys.volumes, { name: "default-config", configMap: { name: NGINX_CONFIGMAP_NAME } }],
                        }),
                    },
                },
            },
            workloadOptions(context, this, [...jwtKeys.secrets, this.configMap]),
        );
        this.service = frontDoorService(
            scope,
            { serviceName: NGINX_SERVICE_NAME, selector: { run: "nginx-od" }, port: { name: "http", port: NGINX_HTTP_PORT } },
            deps.exposure,
            { parent: this },
        );
        // The entry point: anyone may connect, or only the ingress controller's or gateway's proxies in front of it.
        allowIngress(
            scope,
            {
                policyName: "nginx-od-permits",
                pods: { run: "nginx-od" },
                fromNamespaces: frontDoorPeers(deps.exposure),
                ports: [NGINX_HTTP_PORT],
                onlyDnsEgress: false,
            },
            { parent: this },
        );
        this.registerOutputs({});
    }
}
