import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { DeploymentContext } from "../context";
import { clusterIpService } from "./clusterIpService";
import { imageFields, resources } from "./podSpec";
import { singleContainerDeployment } from "./singleContainerDeployment";

/** Deployment `speedtest-od` and Service `speedtest`: the LibreSpeed page nginx proxies for bandwidth tests. */
export class Speedtest extends pulumi.ComponentResource {
    public readonly deployment: k8s.apps.v1.Deployment;
    public readonly service: k8s.core.v1.Service;

    constructor(name: string, context: DeploymentContext, opts?: pulumi.ComponentResourceOptions) {
        super("abcdesktop:index:Speedtest", name, {}, opts);
        const selector = { run: "speedtest-od" };
        this.deployment = singleContainerDeployment(
            name,
            context,
            {
                deploymentName: "speedtest-od",
                selector,
                container: {
                    name: "speedtest",
                    ...imageFields(context.settings.images.speedtest),
                    ports: [{ containerPort: 80 }],
                    resources: resources(context.settings.resources.speedtest),
                },
            },
            { parent: this },
        );
        this.service = clusterIpService(name, context, "speedtest", selector, [{ port: 80, targetPort: 80, protocol: "TCP" }], {
            parent: this,
        });
        this.registerOutputs({});
    }
}
