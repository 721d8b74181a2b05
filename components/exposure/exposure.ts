import * as pulumi from "@pulumi/pulumi";
import { ComponentScope, DeploymentContext } from "../shared/context";
import { tlsCertificate } from "./certificate";
import { FrontDoorBackend } from "./frontDoor";
import { frontDoorGateway, frontDoorHttpRoute } from "./gateway";
import { frontDoorIngress } from "./ingress";
import { ExposureSettings, PROXIED_TYPES } from "./settings";
import { tlsTermination } from "./tls";

/**
 * What stands in front of the front door's Service: the Ingress, or the HTTPRoute (and the Gateway the package
 * creates), and the cert-manager Certificate of `exposure.tls.issuer`.
 */
export class Exposure extends pulumi.ComponentResource {
    constructor(context: DeploymentContext, exposure: ExposureSettings, backend: FrontDoorBackend, opts?: pulumi.ComponentResourceOptions) {
        super("abcdesktop:index:Exposure", context.instance, {}, opts);
        const scope = new ComponentScope(context, "exposure");
        const child = { parent: this };
        tlsCertificate(scope, exposure, child);
        const afterBackend = { parent: this, dependsOn: [backend.service] };
        if (exposure.type === "ingress") frontDoorIngress(scope, exposure, backend, afterBackend);
        if (exposure.type === "gateway") {
            const { gateway, parentRefs } = frontDoorGateway(scope, exposure, child);
            frontDoorHttpRoute(scope, exposure, backend, parentRefs, {
                parent: this,
                dependsOn: [backend.service, ...(gateway ? [gateway] : [])],
            });
        }
        this.registerOutputs({});
    }
}

/** The Exposure component, when there is anything in front of the front door or a certificate to ask for. */
export function exposeFrontDoor(
    context: DeploymentContext,
    exposure: ExposureSettings,
    backend: FrontDoorBackend,
    opts: pulumi.ComponentResourceOptions,
): Exposure | undefined {
    const needed = PROXIED_TYPES.includes(exposure.type) || (exposure.tls.issuer !== undefined && tlsTermination(exposure) !== undefined);
    return needed ? new Exposure(context, exposure, backend, opts) : undefined;
}
