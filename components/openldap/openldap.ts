import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { clusterIpService } from "../shared/clusterIpService";
import { ComponentScope, DeploymentContext } from "../shared/context";
import { allowIngress } from "../shared/networkPolicy";
import { imageFields } from "../shared/podSpec";
import { resourceRequirements } from "../shared/resources";
import { singleContainerDeployment } from "../shared/singleContainerDeployment";
import { OpenldapSettings } from "./settings";

/** The demo directory's container ports; the Service exposes them on the standard LDAP ports. */
export const OPENLDAP_PORTS = { ldap: 10389, ldaps: 10636 } as const;

/** Deployment `openldap-od` and Service `openldap`: the Planet Express demo directory, for trying LDAP login. */
export class OpenLdapDemo extends pulumi.ComponentResource {
    public readonly deployment: k8s.apps.v1.Deployment;
    public readonly service: k8s.core.v1.Service;

    constructor(context: DeploymentContext, settings: OpenldapSettings, opts?: pulumi.ComponentResourceOptions) {
        super("abcdesktop:index:OpenLdapDemo", context.instance, {}, opts);
        const scope = new ComponentScope(context, "openldap");
        const selector = { run: "openldap-od" };
        this.deployment = singleContainerDeployment(
            scope,
            {
                deploymentName: "openldap-od",
                selector,
                container: {
                    name: "openldap",
                    ...imageFields(scope.image(settings.image)),
                    ports: [
                        { name: "ldap", containerPort: OPENLDAP_PORTS.ldap },
                        { name: "ldaps", containerPort: OPENLDAP_PORTS.ldaps },
                    ],
                    resources: resourceRequirements(settings.resources),
                },
            },
            { parent: this },
        );
        this.service = clusterIpService(
            scope,
            "openldap",
            selector,
            [
                { name: "ldap", port: 389, targetPort: OPENLDAP_PORTS.ldap, protocol: "TCP" },
                { name: "ldaps", port: 636, targetPort: OPENLDAP_PORTS.ldaps, protocol: "TCP" },
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
                ports: [OPENLDAP_PORTS.ldap, OPENLDAP_PORTS.ldaps],
                onlyDnsEgress: true,
            },
            { parent: this },
        );
        this.registerOutputs({});
    }
}
