// Disks for MongoDB's data claims, one per platform instance, as a cluster administrator provides them (the local
// cluster has no provisioner: without a volume the StatefulSet never becomes ready and a measurement hangs). They
// are kept (Retain) when a claim goes; between measurements a released disk is made available again, untimed.
import { LocalCluster, waitFor } from "../../tests/e2e/localCluster";

const LABEL = "bench-fixture=true";

function disk(name: string): string {
    return JSON.stringify({
        apiVersion: "v1",
        kind: "PersistentVolume",
        metadata: { name, labels: { "bench-fixture": "true" } },
        spec: {
            capacity: { storage: "10Gi" },
            accessModes: ["ReadWriteOnce"],
            persistentVolumeReclaimPolicy: "Retain",
            hostPath: { path: `/srv/${name}` },
        },
    });
}

interface Volume {
    metadata: { name: string };
    spec: { claimRef?: unknown };
    status?: { phase?: string };
}

export function createDisks(cluster: LocalCluster, count: number): void {
    for (let i = 1; i <= count; i++) cluster.kubectl(["apply", "-f", "-"], disk(`bench-disk-${i}`));
}

/**
 * Waits until nothing a previous measurement made is left (namespaces still terminating, say), then frees the disks
 * their claims held, so that every measurement starts from the same empty cluster.
 */
export async function resetCluster(cluster: LocalCluster, namespaces: RegExp): Promise<void> {
    const leftovers = () =>
        cluster
            .kubectlItems<{ metadata: { name: string } }>(["get", "namespaces"])
            .map((n) => n.metadata.name)
            .filter((name) => namespaces.test(name));
    await waitFor(
        `namespaces ${namespaces} gone`,
        () => leftovers().length === 0,
        300_000,
        () => `left: ${leftovers().join(", ")}`,
    );
    for (const volume of cluster.kubectlItems<Volume>(["get", "pv", "-l", LABEL])) {
        if (volume.spec.claimRef) {
            cluster.kubectl(["patch", "pv", volume.metadata.name, "--type", "json", "-p", '[{"op":"remove","path":"/spec/claimRef"}]']);
        }
    }
    await waitFor(
        "benchmark disks Available",
        () => cluster.kubectlItems<Volume>(["get", "pv", "-l", LABEL]).every((v) => v.status?.phase === "Available"),
        60_000,
        () => cluster.kubectl(["get", "pv"]),
    );
}
