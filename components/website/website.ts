import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { clusterIpService } from "../shared/clusterIpService";
import { ComponentScope, DeploymentContext } from "../shared/context";
import { allowIngress } from "../shared/networkPolicy";
import { nginxWritableDirectories } from "../shared/nginxWritableDirectories";
import { httpProbes, imageFields } from "../shared/podSpec";
import { resourceRequirements } from "../shared/resources";
import { scalingObjects } from "../shared/scaling";
import { singleContainerDeployment } from "../shared/singleContainerDeployment";
import { WebsiteSettings } from "./settings";
import { workloadOptions } from "../shared/podReferences";

export const WEBSITE_PORT = 80;

/** Deployment `nginx-od` and Service `website`: the static web front end of release 4.4, which the router serves at `/`. */
export class Website extends pulumi.ComponentResource {
    public readonly deployment: k8s.apps.v1.Deployment;
    public readonly service: k8s.core.v1.Service;

    constructor(context: DeploymentContext, settings: WebsiteSettings, opts?: pulumi.ComponentResourceOptions) {
        super("abcdesktop:index:Website", context.instance, {}, opts);
        const scope = new ComponentScope(context, "website");
        const writable = nginxWritableDirectories();
        const selector = { name: "nginx-od" };
        this.deployment = singleContainerDeployment(
            scope,
            {
                deploymentName: "nginx-od",
                selector,
                extraPodLabels: { run: "nginx-od", type: "frontend" },
                scaling: settings,
                container: {
                    name: "nginx",
                    ...imageFields(scope.image(settings.image)),
                    securityContext: { readOnlyRootFilesystem: true },
                    ports: [{ containerPort: WEBSITE_PORT, name: "http" }],
                    ...httpProbes("/", WEBSITE_PORT, 5),
                    resources: resourceRequirements(settings.resources),
                    volumeMounts: writable.volumeMounts,
                },
                volumes: writable.volumes,
            },
            workloadOptions(context, this, []),
        );
        scalingObjects(scope, { deploymentName: "nginx-od", selector, deployment: this.deployment }, settings, { parent: this });
        this.service = clusterIpService(scope, "website", { run: "nginx-od" }, [{ name: "http", port: WEBSITE_PORT, protocol: "TCP" }], {
            parent: this,
        });
        // Upstream lets anyone reach the website; only the router serves it to browsers, and pyos reads it.
        allowIngress(
            scope,
            {
                policyName: "nginx-od-permits",
                pods: { run: "nginx-od" },
                from: [{ "netpol/nginx": "true" }],
                ports: [WEBSITE_PORT],
                onlyDnsEgress: true,
            },
            { parent: this },
        );
        this.registerOutputs({});
    }
}
