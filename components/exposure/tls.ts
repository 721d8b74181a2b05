import { ExposureSettings, PROXIED_TYPES } from "./settings";

/** Certificate the package asks cert-manager for (with `exposure.tls.issuer`), and the Secret cert-manager writes. */
export const CERTIFICATE_NAME = "abcdesktop-tls";

/** The certificate's Secret as `exposure.tls` names it: the user's, or the one cert-manager writes for our Certificate. */
function givenSecretName(exposure: ExposureSettings): string | undefined {
    return exposure.tls.secretName ?? (exposure.tls.issuer !== undefined ? CERTIFICATE_NAME : undefined);
}

/**
 * Where TLS ends: at the ingress controller or gateway (`proxy`; an existing Gateway's listener is taken to be
 * HTTPS), in 4.4's router with `exposure.tls.inRouter` (`frontDoor`), or nowhere: plain HTTP.
 */
export function tlsTermination(exposure: ExposureSettings): "proxy" | "frontDoor" | undefined {
    if (exposure.type === "gateway" && exposure.gateway.parentRefs !== undefined) return "proxy";
    if (givenSecretName(exposure) === undefined) return undefined;
    if (PROXIED_TYPES.includes(exposure.type)) return "proxy";
    return exposure.tls.inRouter ? "frontDoor" : undefined;
}

/** The TLS Secret this stack's Ingress, Gateway or router uses, if any. */
export function tlsSecretName(exposure: ExposureSettings): string | undefined {
    return tlsTermination(exposure) === undefined ? undefined : givenSecretName(exposure);
}
