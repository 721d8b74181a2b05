import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { DeploymentContext } from "../context";
import { clusterIpService } from "./clusterIpService";
import { imageFields, resources } from "./podSpec";
import { singleContainerDeployment } from "./singleContainerDeployment";

/** The demo directory's container ports; the Service exposes them on the standard LDAP ports. */
export const OPENLDAP_PORTS = { ldap: 10389, ldaps: 10636 } as const;

/** Deployment `openldap-od` and Service `openldap`: the Planet Express demo directory, for trying LDAP login. */
export class OpenLdapDemo extends pulumi.ComponentResource {
    public readonly deployment: k8s.apps.v1.Deployment;
    public readonly service: k8s.core.v1.Service;

    constructor(name: string, context: DeploymentContext, opts?: pulumi.ComponentResourceOptions) {
        super("abcdesktop:index:OpenLdapDemo", name, {}, opts);
        const selector = { run: "openldap-od" };
        this.deployment = singleContainerDeployment(
            name,
            context,
            {
                deploymentName: "openldap-od",
                selector,
                container: {
                    name: "openldap",
                    ...imageFields(context.settings.images.openldap),
                    ports: [
                        { name: "ldap", containerPort: OPENLDAP_PORTS.ldap },
                        { name: "ldaps", containerPort: OPENLDAP_PORTS.ldaps },
                    ],
                    resources: resources(context.settings.resources.openldap),
                },
            },
            { parent: this },
        );
        this.service = clusterIpService(
            name,
            context,
            "openldap",
            selector,
            [
                { name: "ldap", port: 389, targetPort: OPENLDAP_PORTS.ldap, protocol: "TCP" },
                { name: "ldaps", port: 636, targetPort: OPENLDAP_PORTS.ldaps, protocol: "TCP" },
            ],
            { parent: this },
        );
        this.registerOutputs({});
    }
}
