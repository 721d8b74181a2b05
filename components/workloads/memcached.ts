import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { DeploymentContext } from "../context";
import { clusterIpService } from "./clusterIpService";
import { imageFields, resources } from "./podSpec";
import { singleContainerDeployment } from "./singleContainerDeployment";

export const MEMCACHED_PORT = 11211;

/** Deployment `memcached-od` and Service `memcached`: pyos's and nginx's cache. */
export class Memcached extends pulumi.ComponentResource {
    public readonly deployment: k8s.apps.v1.Deployment;
    public readonly service: k8s.core.v1.Service;

    constructor(name: string, context: DeploymentContext, opts?: pulumi.ComponentResourceOptions) {
        super("abcdesktop:index:Memcached", name, {}, opts);
        const selector = { run: "memcached-od" };
        this.deployment = singleContainerDeployment(
            name,
            context,
            {
                deploymentName: "memcached-od",
                selector,
                extraPodLabels: { type: "database" },
                container: {
                    name: "memcached",
                    ...imageFields(context.settings.images.memcached),
                    ports: [{ containerPort: MEMCACHED_PORT }],
                    resources: resources(context.settings.resources.memcached),
                },
            },
            { parent: this },
        );
        this.service = clusterIpService(
            name,
            context,
            "memcached",
            selector,
            [{ port: MEMCACHED_PORT, targetPort: MEMCACHED_PORT, protocol: "TCP" }],
            { parent: this },
        );
        this.registerOutputs({});
    }
}
