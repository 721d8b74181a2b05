import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ComponentScope } from "../shared/context";
import { FrontDoorBackend } from "./frontDoor";
import { ExposureSettings, GatewayParentRefArgs } from "./settings";
import { tlsSecretName } from "./tls";

export const GATEWAY_NAME = "gateway-abcdesktop";
export const HTTPROUTE_NAME = "httproute-abcdesktop";

const GATEWAY_API = "gateway.networking.k8s.io/v1";

/**
 * GatewayClass of the Gateway the package creates when `exposure.className` names none: the Gateway API has no
 * default class, and `eg` is the one Envoy Gateway's installation creates.
 */
export const DEFAULT_GATEWAY_CLASS = "eg";

/** The one listener of the Gateway the package creates: HTTPS with the certificate of `exposure.tls`, else HTTP. */
function listener(exposure: ExposureSettings): Record<string, unknown> {
    const secretName = tlsSecretName(exposure);
    const common = { hostname: exposure.hostname, allowedRoutes: { namespaces: { from: "Same" } } };
    return secretName === undefined
        ? { name: "http", protocol: "HTTP", port: 80, ...common }
        : {
              name: "https",
              protocol: "HTTPS",
              port: 443,
              ...common,
              tls: { mode: "Terminate", certificateRefs: [{ group: "", kind: "Secret", name: secretName }] },
          };
}

/**
 * Without `exposure.gateway.parentRefs`: Gateway `gateway-abcdesktop` of GatewayClass `exposure.className`, and
 * the parentRefs of the HTTPRoute to it; with them, the user's Gateways.
 */
export function frontDoorGateway(
    scope: ComponentScope,
    exposure: ExposureSettings,
    opts: pulumi.CustomResourceOptions,
): { gateway?: k8s.apiextensions.CustomResource; parentRefs: GatewayParentRefArgs[] } {
    if (exposure.gateway.parentRefs !== undefined) return { parentRefs: exposure.gateway.parentRefs };
    const gatewayListener = listener(exposure);
    const gateway = new k8s.apiextensions.CustomResource(
        `${scope.context.instance}-${GATEWAY_NAME}`,
        {
            apiVersion: GATEWAY_API,
            kind: "Gateway",
            metadata: scope.metadata(GATEWAY_NAME),
            spec: { gatewayClassName: exposure.className ?? DEFAULT_GATEWAY_CLASS, listeners: [gatewayListener] },
        },
        opts,
    );
    return { gateway, parentRefs: [{ name: GATEWAY_NAME, sectionName: gatewayListener.name as string }] };
}

/**
 * HTTPRoute `httproute-abcdesktop`: every path of `exposure.hostname` to the front door's Service, with the
 * request timeout a desktop session needs (Gateway API `timeouts`, which Envoy Gateway also takes as the route's
 * idle timeout).
 */
export function frontDoorHttpRoute(
    scope: ComponentScope,
    exposure: ExposureSettings,
    backend: FrontDoorBackend,
    parentRefs: GatewayParentRefArgs[],
    opts: pulumi.CustomResourceOptions,
): k8s.apiextensions.CustomResource {
    const annotations = exposure.annotations;
    return new k8s.apiextensions.CustomResource(
        `${scope.context.instance}-${HTTPROUTE_NAME}`,
        {
            apiVersion: GATEWAY_API,
            kind: "HTTPRoute",
            metadata: { ...scope.metadata(HTTPROUTE_NAME), ...(Object.keys(annotations).length > 0 ? { annotations } : {}) },
            spec: {
                parentRefs: parentRefs.map(({ name, namespace, sectionName }) => ({ name, namespace, sectionName })),
                hostnames: [exposure.hostname],
                rules: [
                    {
                        matches: [{ path: { type: "PathPrefix", value: "/" } }],
                        backendRefs: [{ name: backend.serviceName, port: backend.port }],
                        timeouts: { request: exposure.gateway.requestTimeout },
                    },
                ],
            },
        },
        opts,
    );
}
