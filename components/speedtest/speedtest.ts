import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { clusterIpService } from "../shared/clusterIpService";
import { ComponentScope, DeploymentContext } from "../shared/context";
import { allowIngress } from "../shared/networkPolicy";
import { imageFields } from "../shared/podSpec";
import { resourceRequirements } from "../shared/resources";
import { Release } from "../shared/settingsModule";
import { singleContainerDeployment } from "../shared/singleContainerDeployment";
import { SpeedtestSettings } from "./settings";
import { workloadOptions } from "../shared/podReferences";

/** The Service's port, which the router and nginx proxy to. */
export const SPEEDTEST_PORT = 80;

/** The port the image listens on: oc.speedtest 1.0 on 80, 4.4 (LibreSpeed's image) on 8080. */
export const SPEEDTEST_CONTAINER_PORT: Record<Release, number> = { "1.0": 80, "4.4": 8080 };

/** Deployment `speedtest-od` and Service `speedtest`: the LibreSpeed page nginx proxies for bandwidth tests. */
export class Speedtest extends pulumi.ComponentResource {
    public readonly deployment: k8s.apps.v1.Deployment;
    public readonly service: k8s.core.v1.Service;

    constructor(context: DeploymentContext, settings: SpeedtestSettings, opts?: pulumi.ComponentResourceOptions) {
        super("abcdesktop:index:Speedtest", context.instance, {}, opts);
        const scope = new ComponentScope(context, "speedtest");
        const selector = { run: "speedtest-od" };
        const containerPort = SPEEDTEST_CONTAINER_PORT[context.platform.release];
        this.deployment = singleContainerDeployment(
            scope,
            {
                deploymentName: "speedtest-od",
                selector,
                container: {
                    name: "speedtest",
                    ...imageFields(scope.image(settings.image)),
                    ports: [{ containerPort }],
                    resources: resourceRequirements(settings.resources),
                },
            },
            workloadOptions(context, this, []),
        );
        this.service = clusterIpService(
            scope,
            "speedtest",
            selector,
            [{ port: SPEEDTEST_PORT, targetPort: containerPort, protocol: "TCP" }],
            {
                parent: this,
            },
        );
        allowIngress(
            scope,
            {
                policyName: "speedtest-od-permits",
                pods: selector,
                from: [{ "netpol/speedtest": "true" }],
                ports: [containerPort],
                onlyDnsEgress: true,
            },
            { parent: this },
        );
        this.registerOutputs({});
    }
}
