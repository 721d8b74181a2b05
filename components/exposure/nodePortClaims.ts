import * as pulumi from "@pulumi/pulumi";
import { AbcdesktopArgsError } from "../shared/validation";
import { NODE_PORT_RANGE } from "./settings";

// NodePorts taken by instances of this program, per engine connection and per cluster (provider).
const claimedNodePorts = new WeakMap<object, WeakMap<object, Map<number, string>>>();
const DEFAULT_PROVIDER = {};
const NO_ENGINE = {};

/**
 * Refuses a second instance that asks the same cluster for a NodePort another instance of this program already
 * uses: Kubernetes would reject the second Service only half-way through `pulumi up`.
 */
export function claimNodePort(nodePort: number, instance: string, opts: pulumi.ComponentResourceOptions | undefined): void {
    const engine = (pulumi.runtime.getMonitor() as object | undefined) ?? NO_ENGINE;
    const cluster = (opts?.provider ?? opts?.providers ?? DEFAULT_PROVIDER) as object;
    const byCluster = claimedNodePorts.get(engine) ?? new WeakMap<object, Map<number, string>>();
    claimedNodePorts.set(engine, byCluster);
    const ports = byCluster.get(cluster) ?? new Map<number, string>();
    byCluster.set(cluster, ports);
    const holder = ports.get(nodePort);
    if (holder !== undefined) {
        throw new AbcdesktopArgsError([
            `exposure.nodePort: ${nodePort} is already used by instance ${JSON.stringify(holder)} on the same cluster; give ${JSON.stringify(instance)} another port from ${NODE_PORT_RANGE.min} to ${NODE_PORT_RANGE.max}`,
        ]);
    }
    ports.set(nodePort, instance);
}
