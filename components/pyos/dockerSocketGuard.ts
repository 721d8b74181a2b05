/** Where the guard looks and links, and what it then runs. */
export interface DockerSocketGuardPaths {
    /** The socket as the node's /var/run shows it inside the container. */
    nodeSocket: string;
    /** Where pyos 1.x's Docker client looks (hard-coded `unix://var/run/docker.sock`). */
    containerSocket: string;
    /** The container's termination message file, which Pulumi's readiness wait and `kubectl describe` show. */
    terminationLog: string;
    /** The command the shell becomes once the socket is there. */
    start: string;
}

/** The node's /var/run inside pyos's container (mounted read-only: connecting to a socket needs no write). */
export const NODE_RUN_MOUNT = "/node/run";

/** The guard pyos runs with: the node's socket, the image's own paths, pyos itself. */
export const POD_DOCKER_SOCKET_GUARD: DockerSocketGuardPaths = {
    nodeSocket: `${NODE_RUN_MOUNT}/docker.sock`,
    containerSocket: "/var/run/docker.sock",
    terminationLog: "/dev/termination-log",
    start: "exec /var/pyos/od.py",
};

/**
 * A shell script that starts pyos only where Docker Engine answers. pyos 1.x lists applications through the Docker
 * API at start (build_applist) and exits with a traceback without it; a node without Docker Engine instead gets one
 * sentence saying why, in the container's termination message, which Pulumi's wait for the DaemonSet reports.
 * The socket is reached through the node's /var/run, mounted read-only, because a hostPath of the socket itself
 * either blocks the pod without a word (type Socket) or makes the runtime create a directory in its place (no type).
 */
export function dockerSocketGuard(paths: DockerSocketGuardPaths): string {
    const message =
        "abcdesktop 1.0: node $NODE_NAME has no Docker Engine socket (/var/run/docker.sock). pyos 1.x lists applications " +
        "through the Docker API, so release 1.0 needs Docker Engine on every node (README, Choosing a release); " +
        "on containerd-only nodes, install release 4.4.";
    return [
        `if [ ! -S ${paths.nodeSocket} ]; then`,
        `  echo "${message}" | tee ${paths.terminationLog} >&2`,
        "  exit 1",
        "fi",
        `ln -sf ${paths.nodeSocket} ${paths.containerSocket}`,
        paths.start,
    ].join("\n");
}
