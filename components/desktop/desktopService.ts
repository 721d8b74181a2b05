import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ComponentScope, DeploymentContext } from "../shared/context";
import { SKIP_SERVICE_AWAIT } from "../shared/serviceAwait";

/**
 * Headless Service `desktop` (and, in 1.0, Endpoints `desktop`): every user pod pyos starts carries
 * `type: x11server` and gets the DNS name `<pod>.desktop.<namespace>.svc.<domain>` that the front door routes to.
 */
export class DesktopService extends pulumi.ComponentResource {
    /** 1.0's Endpoints object; 4.4's install deletes any left over and lets the endpoints controller make them. */
    public readonly endpoints?: k8s.core.v1.Endpoints;
    public readonly service: k8s.core.v1.Service;

    constructor(context: DeploymentContext, opts?: pulumi.ComponentResourceOptions) {
        const name = context.instance;
        super("abcdesktop:index:DesktopService", name, {}, opts);
        const scope = new ComponentScope(context, "desktop");
        // Upstream created Endpoints without a namespace (so in whatever namespace kubectl pointed at); ours
        // lives beside its Service.
        if (context.platform.release === "1.0") {
            this.endpoints = new k8s.core.v1.Endpoints(
                `${name}-desktop-endpoints`,
                { metadata: scope.metadata("desktop") },
                { parent: this },
            );
        }
        this.service = new k8s.core.v1.Service(
            `${name}-desktop`,
            {
                // Nothing to wait for: its pods are the user desktops pyos starts later.
                metadata: { ...scope.metadata("desktop", scope.roleLabel()), annotations: SKIP_SERVICE_AWAIT },
                spec: { clusterIP: "None", selector: { type: "x11server" } },
            },
            // The endpoints controller creates `desktop` as soon as the Service exists; creating ours first
            // means it adopts our object instead of our create failing on its.
            { parent: this, dependsOn: this.endpoints ? [this.endpoints] : [] },
        );
        this.registerOutputs({});
    }
}
