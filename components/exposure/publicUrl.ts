import { SettingsCheck } from "../shared/validation";
import { ExposureSettings, PROXIED_TYPES } from "./settings";
import { tlsTermination } from "./tls";

/**
 * The URL users open: `http://<hostname>:<nodePort>/` with type `nodePort`, `http(s)://<hostname>/` otherwise;
 * `https` wherever TLS is terminated (an existing Gateway's listener is taken to be HTTPS).
 */
export function publicUrl(exposure: ExposureSettings): string {
    const scheme = tlsTermination(exposure) === undefined ? "http" : "https";
    const port = exposure.type === "nodePort" ? `:${exposure.nodePort}` : "";
    return `${scheme}://${exposure.hostname}${port}/`;
}

/** What pyos's od.config says about the address users open (both releases' `default_host_url` and `websocketrouting`). */
export interface PyosPublicAddress {
    /** `default_host_url`: the public URL without its final slash, for pyos's redirects and icon URLs. */
    defaultHostUrl: string;
    /** `websocketrouting`: where the browser's desktop WebSockets go, the public host or the page's own origin. */
    websocketRouting: "default_host_url" | "http_origin";
}

/**
 * The public address pyos is given, or undefined with type `nodePort`, where users open any node's address and
 * pyos keeps following the browser's origin. Behind an ingress or gateway the host name is known (it is required)
 * and pyos routes WebSockets to it rather than to whatever Origin a request carries, upstream's safer choice.
 */
export function pyosPublicAddress(exposure: ExposureSettings): PyosPublicAddress | undefined {
    if (exposure.type === "nodePort") return undefined;
    return {
        defaultHostUrl: publicUrl(exposure).replace(/\/$/, ""),
        websocketRouting: PROXIED_TYPES.includes(exposure.type) ? "default_host_url" : "http_origin",
    };
}

/**
 * For the check of an external (OAuth 2 / OpenID Connect) login, at `loginPath`: providers redirect the browser
 * back to an https:// URL only, and the tokens must not cross the network in clear, so the platform has to be
 * served over HTTPS. The auth block calls it once it has such a login.
 */
export function checkHttpsForExternalLogin(check: SettingsCheck, loginPath: string): void {
    const exposure = check.value("exposure") as ExposureSettings;
    if (tlsTermination(exposure) !== undefined) return;
    check.problem(
        loginPath,
        `needs the platform served over HTTPS, and it is served at ${publicUrl(exposure)}; allowed: with exposure.tls.secretName or exposure.tls.issuer (README, Behind HTTPS)`,
    );
}
