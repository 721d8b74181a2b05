import { inEveryRelease, Release, SettingsModule } from "../shared/settingsModule";
import { SettingsCheck } from "../shared/validation";

/** How users reach the platform: the front door's Service and the address they type. */
export interface ExposureArgs {
    /** Host name or IP address users type in their browser; builds the `url` output. Default `localhost`. */
    hostname?: string;
    /** NodePort of the front door's Service, the port users open (30000-32767). Default `30443`. */
    nodePort?: number;
}

const DEFAULTS = { hostname: "localhost", nodePort: 30443 };

export type ExposureSettings = typeof DEFAULTS;

export const NODE_PORT_RANGE = { min: 30000, max: 32767 } as const;

/** A host name or an IP address (v4, or v6 in brackets), without scheme or port. */
export const HOSTNAME = /^([A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)(\.[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)*$|^\[[0-9a-fA-F:]+\]$/;

function check(check: SettingsCheck): void {
    check.pattern("exposure.hostname", HOSTNAME, "a host name or IP address (no scheme, no port)");
    check.integerIn(
        "exposure.nodePort",
        NODE_PORT_RANGE.min,
        NODE_PORT_RANGE.max,
        `an integer from ${NODE_PORT_RANGE.min} to ${NODE_PORT_RANGE.max} (the NodePort range)`,
    );
}

export const exposureSettings: SettingsModule<Record<Release, ExposureSettings>> = { defaults: inEveryRelease(DEFAULTS), check };
