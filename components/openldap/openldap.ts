import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { clusterIpService } from "../shared/clusterIpService";
import { ComponentScope, DeploymentContext } from "../shared/context";
import { allowIngress } from "../shared/networkPolicy";
import { imageFields } from "../shared/podSpec";
import { resourceRequirements } from "../shared/resources";
import { Release } from "../shared/settingsModule";
import { singleContainerDeployment } from "../shared/singleContainerDeployment";
import { OpenldapSettings } from "./settings";
import { workloadOptions } from "../shared/podReferences";

/** The demo directory's container ports per release (1.0's image listens unprivileged); the Service exposes the standard ones. */
export const OPENLDAP_CONTAINER_PORTS: Record<Release, { ldap: number; ldaps: number }> = {
    "1.0": { ldap: 10389, ldaps: 10636 },
    "4.4": { ldap: 389, ldaps: 636 },
};

/** Deployment `openldap-od` and Service `openldap`: the Planet Express demo directory, for trying LDAP login. */
export class OpenLdapDemo extends pulumi.ComponentResource {
    public readonly deployment: k8s.apps.v1.Deployment;
    public readonly service: k8s.core.v1.Service;

    constructor(context: DeploymentContext, settings: OpenldapSettings, opts?: pulumi.ComponentResourceOptions) {
        super("abcdesktop:index:OpenLdapDemo", context.instance, {}, opts);
        const scope = new ComponentScope(context, "openldap");
        const selector = { run: "openldap-od" };
        const ports = OPENLDAP_CONTAINER_PORTS[context.platform.release];
        this.deployment = singleContainerDeployment(
            scope,
            {
                deploymentName: "openldap-od",
                selector,
                ...(context.platform.release === "4.4" ? { extraPodLabels: { "netpol/dns": "true" } } : {}),
                container: {
                    name: "openldap",
                    ...imageFields(scope.image(settings.image)),
                    ports: [
                        { name: "ldap", containerPort: ports.ldap },
                        { name: "ldaps", containerPort: ports.ldaps },
                    ],
                    resources: resourceRequirements(settings.resources),
                },
            },
            workloadOptions(context, this, []),
        );
        this.service = clusterIpService(
            scope,
            "openldap",
            selector,
            [
                { name: "ldap", port: 389, targetPort: ports.ldap, protocol: "TCP" },
                { name: "ldaps", port: 636, targetPort: ports.ldaps, protocol: "TCP" },
            ],
            { parent: this },
        );
        // pyos carries no netpol label for a directory inside the namespace; it is selected by its own label.
        allowIngress(
            scope,
            {
                policyName: "openldap-od-permits",
                pods: selector,
                from: [{ run: "pyos-od" }],
                ports: [ports.ldap, ports.ldaps],
                onlyDnsEgress: true,
            },
            { parent: this },
        );
        this.registerOutputs({});
    }
}
