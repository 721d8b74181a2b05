import * as k8s from "@pulumi/kubernetes";

/**
 * The directories upstream's nginx images (oc.nginx 4.4, console) write to, as empty volumes: with them the
 * container runs with a read-only root filesystem, as upstream's manifest sets.
 */
const WRITABLE = [
    ["var-log-volume", "/var/log/nginx"],
    ["var-cache-volume", "/var/cache/nginx"],
    ["var-run-volume", "/var/run"],
] as const;

export function nginxWritableDirectories(): {
    volumes: k8s.types.input.core.v1.Volume[];
    volumeMounts: k8s.types.input.core.v1.VolumeMount[];
} {
    return {
        volumes: WRITABLE.map(([name]) => ({ name, emptyDir: {} })),
        volumeMounts: WRITABLE.map(([name, mountPath]) => ({ name, mountPath, readOnly: false })),
    };
}
