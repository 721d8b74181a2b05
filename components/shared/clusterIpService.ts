import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ComponentScope } from "./context";
import { SKIP_SERVICE_AWAIT } from "./serviceAwait";

/** A ClusterIP Service that reaches the pods labelled `selector` on the given ports, with the component's role label. */
export function clusterIpService(
    scope: ComponentScope,
    serviceName: string,
    selector: Record<string, string>,
    ports: k8s.types.input.core.v1.ServicePort[],
    opts: pulumi.CustomResourceOptions,
): k8s.core.v1.Service {
    return new k8s.core.v1.Service(
        `${scope.context.instance}-${serviceName}`,
        {
            metadata: { ...scope.metadata(serviceName, scope.roleLabel()), annotations: SKIP_SERVICE_AWAIT },
            spec: { type: "ClusterIP", selector, ports },
        },
        opts,
    );
}
