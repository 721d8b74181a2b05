import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ComponentScope } from "../shared/context";
import { ExposureSettings, IP_ADDRESS } from "./settings";
import { CERTIFICATE_NAME, tlsSecretName } from "./tls";

/**
 * With `exposure.tls.issuer`: cert-manager Certificate `abcdesktop-tls` for `exposure.hostname`, which has the
 * issuer sign it and keeps Secret `abcdesktop-tls` renewed. An explicit Certificate, not cert-manager's
 * ingress-shim annotations, so that it works the same for an Ingress, a Gateway and the router, and needs no
 * shim enabled (cert-manager's gateway-shim is off by default).
 */
export function tlsCertificate(
    scope: ComponentScope,
    exposure: ExposureSettings,
    opts: pulumi.CustomResourceOptions,
): k8s.apiextensions.CustomResource | undefined {
    const { issuer, issuerKind } = exposure.tls;
    if (issuer === undefined || tlsSecretName(exposure) === undefined) return undefined;
    const host = exposure.hostname;
    return new k8s.apiextensions.CustomResource(
        `${scope.context.instance}-${CERTIFICATE_NAME}`,
        {
            apiVersion: "cert-manager.io/v1",
            kind: "Certificate",
            metadata: scope.metadata(CERTIFICATE_NAME),
            spec: {
                secretName: CERTIFICATE_NAME,
                ...(IP_ADDRESS.test(host) ? { ipAddresses: [host.replace(/^\[|\]$/g, "")] } : { dnsNames: [host] }),
                issuerRef: { group: "cert-manager.io", kind: issuerKind, name: issuer },
            },
        },
        opts,
    );
}
