import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { contentChecksum } from "../checksums";
import { DeploymentContext, namespacedMetadata } from "../context";
import { jwtKeyMounts, jwtKeyPath } from "../keys/jwtKeys";
import { httpProbes, imageFields, podIdentityEnv, podSpec, resources } from "./podSpec";

export const NGINX_HTTP_PORT = 80;

/** What nginx mounts: the two JWT Secrets and the ConfigMap with its site. */
export interface NginxDependencies {
    desktopPayloadSecret: k8s.core.v1.Secret;
    desktopSigningSecret: k8s.core.v1.Secret;
    nginxConfigMap: k8s.core.v1.ConfigMap;
    /** Checksum identifying the JWT keys in the two Secrets (changes exactly when they do). */
    jwtKeysChecksum: pulumi.Input<string>;
    /** The site text in the ConfigMap. */
    siteText: string;
}

/**
 * DaemonSet `daemonset-nginx` and NodePort Service `nginx`: the web front end on every node. It serves the UI,
 * proxies the API to pyos and routes each user's traffic to their desktop pod after verifying the JWT with the
 * signing public key and decrypting its target with the payload private key.
 */
export class Nginx extends pulumi.ComponentResource {
    public readonly daemonSet: k8s.apps.v1.DaemonSet;
    public readonly service: k8s.core.v1.Service;

    constructor(name: string, context: DeploymentContext, deps: NginxDependencies, opts?: pulumi.ComponentResourceOptions) {
        super("abcdesktop:index:Nginx", name, {}, opts);
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
        const jwtKeys = jwtKeyMounts([
            ["desktopSigning", deps.desktopSigningSecret],
            ["desktopPayload", deps.desktopPayloadSecret],
        ]);
        this.daemonSet = new k8s.apps.v1.DaemonSet(
            `${name}-daemonset-nginx`,
            {
                metadata: namespacedMetadata(context, "daemonset-nginx"),
                spec: {
                    selector: { matchLabels: selector },
                    updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1 } },
                    template: {
                        metadata: {
                            labels: podLabels,
                            annotations: {
                                "checksum/nginx-config": contentChecksum("", [deps.siteText]),
                                "checksum/jwt-keys": deps.jwtKeysChecksum,
                            },
                        },
                        spec: podSpec(context, {
                            dnsPolicy: "ClusterFirst",
                            containers: [
                                {
                                    name: "nginx",
                                    ...imageFields(context.settings.images.nginx),
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
                                    resources: resources(context.settings.resources.nginx),
                                },
                            ],
                            volumes: [
                                ...jwtKeys.volumes,
                                { name: "default-config", configMap: { name: deps.nginxConfigMap.metadata.name } },
                            ],
                        }),
                    },
                },
            },
            { parent: this },
        );
        this.service = new k8s.core.v1.Service(
            `${name}-nginx`,
            {
                metadata: namespacedMetadata(context, "nginx"),
                spec: {
                    type: "NodePort",
                    selector: { run: "nginx-od" },
                    ports: [
                        {
                            name: "http",
                            port: NGINX_HTTP_PORT,
                            targetPort: NGINX_HTTP_PORT,
                            protocol: "TCP",
                            nodePort: context.settings.nodePort,
                        },
                    ],
                },
            },
            { parent: this },
        );
        this.registerOutputs({});
    }
}
