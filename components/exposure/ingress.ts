import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ComponentScope } from "../shared/context";
import { FrontDoorBackend } from "./frontDoor";
import { ExposureSettings } from "./settings";
import { ingressSessionAnnotations } from "./timeouts";
import { tlsSecretName } from "./tls";

/** The Ingress's name, upstream's in its cloud demo. */
export const INGRESS_NAME = "ingress-abcdesktop";

/**
 * Ingress `ingress-abcdesktop`: every path of `exposure.hostname` to the front door's Service, TLS with the
 * certificate of `exposure.tls`, and the timeouts that keep desktop sessions open (then the user's annotations).
 */
export function frontDoorIngress(
    scope: ComponentScope,
    exposure: ExposureSettings,
    backend: FrontDoorBackend,
    opts: pulumi.CustomResourceOptions,
): k8s.networking.v1.Ingress {
    const secretName = tlsSecretName(exposure);
    const serviceName = backend.serviceName;
    return new k8s.networking.v1.Ingress(
        `${scope.context.instance}-${INGRESS_NAME}`,
        {
            metadata: {
                ...scope.metadata(INGRESS_NAME),
                annotations: {
                    // Pulumi would wait for the controller to publish an address, which controllers on the host network
                    // (and Traefik without publishedService) never do: `pulumi up` would fail after ten minutes.
                    "pulumi.com/skipAwait": "true",
                    ...ingressSessionAnnotations(serviceName),
                    ...exposure.annotations,
                },
            },
            spec: {
                ...(exposure.className !== undefined ? { ingressClassName: exposure.className } : {}),
                ...(secretName !== undefined ? { tls: [{ hosts: [exposure.hostname], secretName }] } : {}),
                rules: [
                    {
                        host: exposure.hostname,
                        http: {
                            paths: [
                                {
                                    path: "/",
                                    pathType: "Prefix",
                                    backend: { service: { name: serviceName, port: { number: backend.port } } },
                                },
                            ],
                        },
                    },
                ],
            },
        },
        opts,
    );
}
