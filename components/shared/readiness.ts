import * as pulumi from "@pulumi/pulumi";
import { PlatformSettings } from "./context";

/**
 * How long `pulumi up` waits for an object to be ready (a workload's pods, a LoadBalancer's address) before it
 * fails, naming the object and what its pods report. The provider honours a resource's custom timeouts over its
 * own ten minutes (pulumi-kubernetes, provider/pkg/metadata/overrides.go `TimeoutDuration`); deletes keep the
 * provider's, since a stuck delete is waited out the same way whatever this setting says.
 */
export function readinessTimeouts(platform: Pick<PlatformSettings, "readinessTimeoutSeconds">): pulumi.CustomTimeouts {
    const timeout = `${platform.readinessTimeoutSeconds}s`;
    return { create: timeout, update: timeout };
}
