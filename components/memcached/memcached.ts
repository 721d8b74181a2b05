import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { clusterIpService } from "../shared/clusterIpService";
import { ComponentScope, DeploymentContext } from "../shared/context";
import { allowIngress } from "../shared/networkPolicy";
import { imageFields } from "../shared/podSpec";
import { resourceRequirements } from "../shared/resources";
import { singleContainerDeployment } from "../shared/singleContainerDeployment";
import { MemcachedSettings } from "./settings";
import { workloadOptions } from "../shared/podReferences";

export const MEMCACHED_PORT = 11211;

/** Deployment `memcached-od` and Service `memcached`: pyos's and nginx's cache. */
export class Memcached extends pulumi.ComponentResource {
    public readonly deployment: k8s.apps.v1.Deployment;
    public readonly service: k8s.core.v1.Service;

    constructor(context: DeploymentContext, settings: MemcachedSettings, opts?: pulumi.ComponentResourceOptions) {
        super("abcdesktop:index:Memcached", context.instance, {}, opts);
        const scope = new ComponentScope(context, "memcached");
        const selector = { run: "memcached-od" };
        this.deployment = singleContainerDeployment(
            scope,
            {
                deploymentName: "memcached-od",
                selector,
                extraPodLabels: { type: "database" },
                container: {
                    name: "memcached",
                    ...imageFields(scope.image(settings.image)),
                    ports: [{ containerPort: MEMCACHED_PORT }],
                    resources: resourceRequirements(settings.resources),
                },
            },
            workloadOptions(context, this, []),
        );
        this.service = clusterIpService(
            scope,
            "memcached",
            selector,
            [{ port: MEMCACHED_PORT, targetPort: MEMCACHED_PORT, protocol: "TCP" }],
            {
                parent: this,
            },
        );
        allowIngress(
            scope,
            {
                policyName: "memcached-od-permits",
                pods: selector,
                from: [{ "netpol/memcached": "true" }],
                ports: [MEMCACHED_PORT],
                onlyDnsEgress: true,
            },
            { parent: this },
        );
        this.registerOutputs({});
    }
}
