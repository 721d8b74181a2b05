import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ComponentScope } from "../shared/context";
import { NamespacedPeer } from "../shared/networkPolicy";
import { readinessTimeouts } from "../shared/readiness";
import { SKIP_SERVICE_AWAIT } from "../shared/serviceAwait";
import { ExposureSettings, ExposureType } from "./settings";

/** The port the front door's pods listen on, which its Service exposes under the same number. */
export interface FrontDoorPort {
    name: string;
    port: number;
}

/** Where an Ingress or an HTTPRoute sends users: the front door's Service and its port. */
export interface FrontDoorBackend {
    /** The Service, which the Ingress or HTTPRoute depends on. */
    service: k8s.core.v1.Service;
    /** Its Kubernetes name, written as text where the Ingress or HTTPRoute names it (see `workloadOptions`). */
    serviceName: string;
    port: number;
}

/** The front door's Service, as its component names it. */
export interface FrontDoorServiceSpec {
    /** Kubernetes name: 1.0's `nginx`, 4.4's `http-router`. */
    serviceName: string;
    /** Labels of the front door's pods. */
    selector: Record<string, string>;
    port: FrontDoorPort;
    /** Labels of the Service besides the standard ones. */
    labels?: Record<string, string>;
}

const SERVICE_TYPES: Record<ExposureType, string> = {
    nodePort: "NodePort",
    loadBalancer: "LoadBalancer",
    // The ingress controller or gateway reaches the pods through the Service's endpoints.
    ingress: "ClusterIP",
    gateway: "ClusterIP",
};

/** The front door's Service: NodePort, LoadBalancer, or ClusterIP behind an ingress controller or gateway. */
export function frontDoorService(
    scope: ComponentScope,
    spec: FrontDoorServiceSpec,
    exposure: ExposureSettings,
    opts: pulumi.CustomResourceOptions,
): k8s.core.v1.Service {
    const { name, port } = spec.port;
    const annotations = { ...(exposure.type === "loadBalancer" ? {} : SKIP_SERVICE_AWAIT), ...exposure.serviceAnnotations };
    return new k8s.core.v1.Service(
        `${scope.context.instance}-${spec.serviceName}`,
        {
            metadata: {
                ...scope.metadata(spec.serviceName, spec.labels),
                ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
            },
            spec: {
                type: SERVICE_TYPES[exposure.type],
                selector: spec.selector,
                ports: [
                    {
                        name,
                        port,
                        targetPort: port,
                        protocol: "TCP",
                        ...(exposure.type === "nodePort" ? { nodePort: exposure.nodePort } : {}),
                    },
                ],
            },
        },
        // A LoadBalancer is awaited until the cloud gives it an address, as long as a workload's pods.
        exposure.type === "loadBalancer" ? { ...opts, customTimeouts: readinessTimeouts(scope.platform) } : opts,
    );
}

/**
 * Who may connect to the front door: anyone with `nodePort` and `loadBalancer` (undefined: no `from`), since the
 * traffic arrives from the nodes' addresses; behind an ingress controller or gateway, its proxy pods only.
 */
export function frontDoorPeers(exposure: ExposureSettings): NamespacedPeer[] | undefined {
    if (exposure.type === "nodePort" || exposure.type === "loadBalancer") return undefined;
    const { namespace, podLabels } = exposure.proxy;
    return [
        {
            namespaceLabels: namespace === undefined ? {} : { "kubernetes.io/metadata.name": namespace },
            ...(Object.keys(podLabels).length > 0 ? { podLabels } : {}),
        },
    ];
}
