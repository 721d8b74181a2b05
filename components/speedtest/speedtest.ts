import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { clusterIpService } from "../shared/clusterIpService";
import { ComponentScope, DeploymentContext } from "../shared/context";
import { allowIngress } from "../shared/networkPolicy";
import { imageFields } from "../shared/podSpec";
import { resourceRequirements } from "../shared/resources";
import { singleContainerDeployment } from "../shared/singleContainerDeployment";
import { SpeedtestSettings } from "./settings";

export const SPEEDTEST_PORT = 80;

/** Deployment `speedtest-od` and Service `speedtest`: the LibreSpeed page nginx proxies for bandwidth tests. */
export class Speedtest extends pulumi.ComponentResource {
    public readonly deployment: k8s.apps.v1.Deployment;
    public readonly service: k8s.core.v1.Service;

    constructor(context: DeploymentContext, settings: SpeedtestSettings, opts?: pulumi.ComponentResourceOptions) {
        super("abcdesktop:index:Speedtest", context.instance, {}, opts);
        const scope = new ComponentScope(context, "speedtest");
        const selector = { run: "speedtest-od" };
        this.deployment = singleContainerDeployment(
            scope,
            {
                deploymentName: "speedtest-od",
                selector,
                container: {
                    name: "speedtest",
                    ...imageFields(scope.image(settings.image)),
                    ports: [{ containerPort: SPEEDTEST_PORT }],
                    resources: resourceRequirements(settings.resources),
                },
            },
            { parent: this },
        );
        this.service = clusterIpService(
            scope,
            "speedtest",
            selector,
            [{ port: SPEEDTEST_PORT, targetPort: SPEEDTEST_PORT, protocol: "TCP" }],
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
                ports: [SPEEDTEST_PORT],
                onlyDnsEgress: true,
            },
            { parent: this },
        );
        this.registerOutputs({});
    }
}
