// A throwaway Kubernetes control plane on 127.0.0.1 for the end-to-end tests: etcd (etcdCommand), the
// API server, controller manager and scheduler built by scripts/e2e-toolchain.sh, and kwok, whose fake node
// reports every scheduled pod as running and ready. Nothing listens on anything but loopback, every port is
// picked free, and every file lives under the folder the caller gives.
import { ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { createServer } from "node:net";
import { join } from "node:path";
import { CLUSTER_BINARIES, etcdCommand, etcdInstalled, missingBinaries, toolchainBin } from "./toolchain";

/** The fake node's name; kwok manages every node, and this is the only one. */
export const FAKE_NODE = "kwok-node-0";

/**
 * The image tag the fake node cannot pull, standing for a tag that no registry has: a container with an image so
 * tagged stays waiting in ImagePullBackOff, as a kubelet reports it, and its pod is never ready.
 */
export const UNPULLABLE_TAG = "does-not-exist";

export interface LocalCluster {
    /** Path of a kubeconfig file with cluster-admin rights, for the Pulumi provider and kubectl. */
    readonly kubeconfig: string;
    /** Runs kubectl against the cluster; returns stdout. */
    kubectl(args: string[], input?: string): string;
    /** Runs kubectl and returns how it ended, stderr included: the API server's warnings arrive there. */
    kubectlResult(args: string[], input?: string): { code: number; stdout: string; stderr: string };
    /** kubectl's `-o json` of one object, parsed. */
    kubectlObject<T = KubernetesObject>(args: string[]): T;
    /** kubectl's `-o json` of a list, parsed. */
    kubectlItems<T = KubernetesObject>(args: string[]): T[];
    /**
     * Creates PersistentVolume `name` of `size`, as a cluster's administrator provides a disk for MongoDB's claims
     * (the cluster has no default StorageClass). Labelled `e2e-fixture`, so that suites can tell it from Pulumi's.
     */
    provideDisk(name: string, size?: string): void;
    /**
     * Stops one control-plane process with `signal` and, `downtimeMs` later, starts it again as it was first started
     * (same flags, ports and data); resolves once the API server answers /readyz again.
     */
    restart(component: "etcd" | "kube-apiserver", signal: NodeJS.Signals, downtimeMs: number): Promise<void>;
    /** The last lines of every component's log, for assertion messages. */
    logTails(lines?: number): string;
    /** Stops every process (the data folder is the caller's to delete). */
    stop(): Promise<void>;
}

export interface KubernetesObject {
    apiVersion: string;
    kind: string;
    metadata: {
        name: string;
        namespace?: string;
        uid?: string;
        resourceVersion?: string;
        generation?: number;
        labels?: Record<string, string>;
        annotations?: Record<string, string>;
        managedFields?: { manager?: string }[];
        ownerReferences?: { kind: string; name: string }[];
    };
    [field: string]: unknown;
}

const ADMIN_TOKEN = "abcdesktop-e2e-admin-token";

async function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const address = server.address();
            server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
        });
    });
}

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

/** GET an HTTPS path of the API server with the admin token; resolves with the status code (0 when unreachable). */
function apiStatus(port: number, path: string, ca: string): Promise<number> {
    return new Promise((resolve) => {
        const req = request(
            { host: "127.0.0.1", port, path, ca, headers: { Authorization: `Bearer ${ADMIN_TOKEN}` }, timeout: 2000 },
            (res) => {
                res.resume();
                resolve(res.statusCode ?? 0);
            },
        );
        req.on("error", () => resolve(0));
        req.on("timeout", () => req.destroy());
        req.end();
    });
}

/** Polls `check` every half second until it holds; throws with `what` and the logs when `timeoutMs` runs out. */
export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, logs: () => string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (await check()) return;
        await sleep(500);
    }
    throw new Error(`local cluster: ${what} not ready after ${timeoutMs / 1000} s\n${logs()}`);
}

/** Key pair and serving certificate, made by the OpenSSL command line. */
function writeCredentials(dir: string): { cert: string; key: string; saKey: string; saPub: string; tokens: string } {
    const cert = join(dir, "apiserver.crt");
    const key = join(dir, "apiserver.key");
    const saKey = join(dir, "service-account.key");
    const saPub = join(dir, "service-account.pub");
    const tokens = join(dir, "tokens.csv");
    const run = (args: string[]) => execFileSync("openssl", args, { stdio: ["ignore", "pipe", "pipe"] });
    run(
        ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=kube-apiserver"].concat(
            ["-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc"],
        ),
    );
    run(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", saKey]);
    run(["pkey", "-in", saKey, "-pubout", "-out", saPub]);
    writeFileSync(tokens, `${ADMIN_TOKEN},e2e-admin,e2e-admin,system:masters\n`);
    return { cert, key, saKey, saPub, tokens };
}

function kubeconfigYaml(port: number, ca: string): string {
    return [
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        `- name: local\n  cluster:\n    server: https://127.0.0.1:${port}\n    certificate-authority: ${ca}`,
        "users:",
        `- name: admin\n  user:\n    token: ${ADMIN_TOKEN}`,
        "contexts:",
        "- name: local\n  context:\n    cluster: local\n    user: admin",
        "current-context: local",
        "",
    ].join("\n");
}

/** The fake node: room for every pod of the platform, so the scheduler never refuses one for capacity. */
function fakeNodeManifest(): string {
    return JSON.stringify({
        apiVersion: "v1",
        kind: "Node",
        metadata: {
            name: FAKE_NODE,
            annotations: { "node.alpha.kubernetes.io/ttl": "0", "kwok.x-k8s.io/node": "fake" },
            labels: { "kubernetes.io/hostname": FAKE_NODE, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64", type: "kwok" },
        },
        status: {
            allocatable: { cpu: "32", memory: "256Gi", pods: "110", "ephemeral-storage": "1Ti" },
            capacity: { cpu: "32", memory: "256Gi", pods: "110", "ephemeral-storage": "1Ti" },
        },
    });
}

/**
 * What a kubelet reports while it cannot pull a container's image: each attempt fails with ErrImagePull, then it
 * backs off (ImagePullBackOff) and tries again, the pod Pending and not ready all along.
 */
const IMAGE_PULL_FAILURES = {
    ErrImagePull: (image: string) =>
        `printf "failed to pull and unpack image %q: failed to resolve reference %q: not found" ${image} ${image}`,
    ImagePullBackOff: (image: string) => `printf "Back-off pulling image %q" ${image}`,
} as const;

type ImagePullFailure = keyof typeof IMAGE_PULL_FAILURES;

/**
 * The kwok stage that moves a pod with a container tagged {@link UNPULLABLE_TAG} into `reason`, `delayMs` after
 * the pod entered the other failure (or was created): the two stages take turns, so the pod's status changes every few
 * seconds as a kubelet's does, and whoever watches the pod sees it fail again and again. Their weight wins over the
 * pod-ready stage, which would mark the pod ready whatever its image.
 */
function imagePullFailureStage(reason: ImagePullFailure, delayMs: number): string {
    const other = reason === "ErrImagePull" ? "ImagePullBackOff" : "ErrImagePull";
    const unpullable = `hasSuffix ":${UNPULLABLE_TAG}" .image`;
    const statusTemplate = [
        "conditions:",
        "- type: PodScheduled",
        '  status: "True"',
        "- type: Initialized",
        '  status: "True"',
        "- type: Ready",
        '  status: "False"',
        "  reason: ContainersNotReady",
        // The kubelet's wording, the names space-separated: `[a b]`.
        `  message: 'containers with unready status: [{{ $sep := "" }}{{ range .spec.containers }}{{ if ${unpullable} }}{{ $sep }}{{ .name }}{{ $sep = " " }}{{ end }}{{ end }}]'`,
        "- type: ContainersReady",
        '  status: "False"',
        "  reason: ContainersNotReady",
        "containerStatuses:",
        "{{ range .spec.containers }}",
        "- name: {{ .name | Quote }}",
        "  image: {{ .image | Quote }}",
        "  restartCount: 0",
        `  {{ if ${unpullable} }}`,
        "  ready: false",
        "  state:",
        "    waiting:",
        `      reason: ${reason}`,
        `      message: {{ ${IMAGE_PULL_FAILURES[reason](".image")} | Quote }}`,
        "  {{ else }}",
        "  ready: true",
        "  state:",
        "    running: {}",
        "  {{ end }}",
        "{{ end }}",
    ].join("\n");
    const inReason = (r: string) => `.status.containerStatuses.[] | select(.state.waiting.reason == "${r}") | .name`;
    return JSON.stringify({
        apiVersion: "kwok.x-k8s.io/v1alpha1",
        kind: "Stage",
        metadata: { name: `pod-${reason.toLowerCase()}` },
        spec: {
            resourceRef: { apiGroup: "v1", kind: "Pod" },
            selector: {
                matchExpressions: [
                    { key: ".metadata.deletionTimestamp", operator: "DoesNotExist" },
                    { key: ".status.phase", operator: "In", values: ["Pending"] },
                    { key: `.spec.containers.[] | select(.image | endswith(":${UNPULLABLE_TAG}")) | .name`, operator: "Exists" },
                    // ErrImagePull follows a back-off, or a new pod's first attempt; the back-off follows ErrImagePull.
                    { key: inReason(reason), operator: "DoesNotExist" },
                    ...(reason === "ErrImagePull" ? [] : [{ key: inReason(other), operator: "Exists" }]),
                ],
            },
            weight: 1000,
            delay: { durationMilliseconds: delayMs },
            next: { statusTemplate },
        },
    });
}

/** Starts the control plane and a fake node; rejects (after stopping what started) if any part fails. */
export async function startLocalCluster(dir: string): Promise<LocalCluster> {
    const bin = toolchainBin();
    const missing = [
        ...missingBinaries(CLUSTER_BINARIES),
        ...(etcdInstalled() ? [] : ["etcd (scripts/e2e-toolchain.sh --only etcd-v3.6, or Debian's etcd-server)"]),
    ];
    if (missing.length > 0) throw new Error(`local cluster: not built: ${missing.join(", ")}; run scripts/e2e-toolchain.sh`);
    mkdirSync(dir, { recursive: true });
    const credentials = writeCredentials(dir);
    const processes: { name: string; command: string; args: string[]; child: ChildProcess; log: string }[] = [];
    const logTails = (lines = 15) =>
        processes
            .map(({ name, log }) => {
                const text = existsSync(log) ? readFileSync(log, "utf8").trimEnd().split("\n").slice(-lines).join("\n") : "";
                return `--- ${name} (${log}) ---\n${text}`;
            })
            .join("\n");
    const spawnLogged = (name: string, command: string, args: string[], log: string) => {
        // Appended to: a restarted process's log follows its earlier life's.
        const out = createWriteStream(log, { flags: "a" });
        const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
        // The log ends after the last output and the exit line: with pipe's default end, a child's stdout could
        // end the log before "exit" wrote to it, and that write threw in the caller (write after end).
        child.stdout?.pipe(out, { end: false });
        child.stderr?.pipe(out, { end: false });
        child.on("close", (code, signal) => out.end(`\n[${name} exited: code ${code}, signal ${signal}]\n`));
        return child;
    };
    const start = (name: string, command: string, args: string[]) => {
        const log = join(dir, `${name}.log`);
        processes.push({ name, command, args, child: spawnLogged(name, command, args, log), log });
    };
    const exitOf = (child: ChildProcess) =>
        child.exitCode !== null || child.signalCode !== null
            ? Promise.resolve()
            : new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const running = (name: string) => {
        const entry = processes.find((p) => p.name === name);
        return entry !== undefined && entry.child.exitCode === null && entry.child.signalCode === null;
    };
    const stop = async () => {
        for (const { child } of [...processes].reverse()) {
            if (child.exitCode !== null || child.signalCode !== null) continue;
            const exited = exitOf(child);
            child.kill("SIGTERM");
            await Promise.race([exited, sleep(10_000)]);
            if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
        }
    };
    // A test run that ends early (a crash, Ctrl-C, a timeout's SIGTERM) must not leave an API server behind.
    const killAll = () => processes.forEach(({ child }) => child.exitCode === null && child.kill("SIGKILL"));
    process.once("exit", killAll);
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
        process.once(signal, () => {
            killAll();
            process.exit(128 + (signal === "SIGINT" ? 2 : 15));
        });
    }

    try {
        const [etcdClient, etcdPeer, apiPort, managerPort, schedulerPort, kwokPort] = await Promise.all(
            Array.from({ length: 6 }, () => freePort()),
        );
        const etcdUrl = `http://127.0.0.1:${etcdClient}`;
        const peerUrl = `http://127.0.0.1:${etcdPeer}`;
        start("etcd", etcdCommand(), [
            `--data-dir=${join(dir, "etcd")}`,
            `--listen-client-urls=${etcdUrl}`,
            `--advertise-client-urls=${etcdUrl}`,
            `--listen-peer-urls=${peerUrl}`,
            `--initial-advertise-peer-urls=${peerUrl}`,
            `--initial-cluster=default=${peerUrl}`,
            // A test cluster's data is thrown away: durability only costs time.
            "--unsafe-no-fsync",
        ]);
        start("kube-apiserver", join(bin, "kube-apiserver"), [
            `--etcd-servers=${etcdUrl}`,
            "--bind-address=127.0.0.1",
            "--advertise-address=127.0.0.1",
            `--secure-port=${apiPort}`,
            `--tls-cert-file=${credentials.cert}`,
            `--tls-private-key-file=${credentials.key}`,
            `--client-ca-file=${credentials.cert}`,
            `--token-auth-file=${credentials.tokens}`,
            "--authorization-mode=RBAC",
            "--service-account-issuer=https://kubernetes.default.svc",
            `--service-account-key-file=${credentials.saPub}`,
            `--service-account-signing-key-file=${credentials.saKey}`,
            "--service-cluster-ip-range=10.96.0.0/16",
            "--service-node-port-range=30000-32767",
            "--endpoint-reconciler-type=none",
        ]);
        const ca = readFileSync(credentials.cert, "utf8");
        await waitFor("kube-apiserver /readyz", async () => (await apiStatus(apiPort, "/readyz", ca)) === 200, 90_000, logTails);

        const kubeconfig = join(dir, "kubeconfig");
        writeFileSync(kubeconfig, kubeconfigYaml(apiPort, credentials.cert));
        const kubectl = (args: string[], input?: string) =>
            execFileSync(join(bin, "kubectl"), [`--kubeconfig=${kubeconfig}`, ...args], {
                input,
                encoding: "utf8",
                stdio: ["pipe", "pipe", "pipe"],
                maxBuffer: 64 * 1024 * 1024,
            });
        const kubectlResult = (args: string[], input?: string) => {
            const result = spawnSync(join(bin, "kubectl"), [`--kubeconfig=${kubeconfig}`, ...args], { input, encoding: "utf8" });
            return { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
        };
        const kubectlObject = <T>(args: string[]) => JSON.parse(kubectl([...args, "-o", "json"])) as T;
        const kubectlItems = <T>(args: string[]) => kubectlObject<{ items: T[] }>(args).items;
        // What the controller manager and the scheduler share: the admin kubeconfig for everything, one replica each.
        const clientFlags = (port: number) => [
            `--kubeconfig=${kubeconfig}`,
            `--authentication-kubeconfig=${kubeconfig}`,
            `--authorization-kubeconfig=${kubeconfig}`,
            "--leader-elect=false",
            "--bind-address=127.0.0.1",
            `--secure-port=${port}`,
        ];

        start("kube-controller-manager", join(bin, "kube-controller-manager"), [
            ...clientFlags(managerPort),
            `--service-account-private-key-file=${credentials.saKey}`,
            `--root-ca-file=${credentials.cert}`,
            "--use-service-account-credentials=false",
            "--controllers=*",
            // kwok's lease renewals can lag for a minute (its client-go 0.36 watches fall back to relisting against
            // etcd 3.4); a node declared unreachable would have every pod marked not ready for good, since there
            // is no kubelet to mark them ready again. The suite's node never really goes away.
            "--node-monitor-grace-period=1h",
        ]);
        start("kube-scheduler", join(bin, "kube-scheduler"), clientFlags(schedulerPort));
        const stages = join(bin, "kwok-stages");
        const pullFailures = (Object.keys(IMAGE_PULL_FAILURES) as ImagePullFailure[]).map((reason) => {
            const file = join(dir, `kwok-pod-${reason.toLowerCase()}.yaml`);
            writeFileSync(file, imagePullFailureStage(reason, reason === "ErrImagePull" ? 4_000 : 1_000));
            return `--config=${file}`;
        });
        start("kwok", join(bin, "kwok"), [
            `--kubeconfig=${kubeconfig}`,
            "--manage-all-nodes=true",
            `--server-address=127.0.0.1:${kwokPort}`,
            "--cidr=10.244.0.0/16",
            "--node-ip=127.0.0.1",
            "--node-lease-duration-seconds=40",
            ...readdirSync(stages).map((file) => `--config=${join(stages, file)}`),
            ...pullFailures,
        ]);

        kubectl(["apply", "-f", "-"], fakeNodeManifest());
        await waitFor(
            `node ${FAKE_NODE} Ready`,
            () => {
                const node = kubectlObject<{ status?: { conditions?: { type: string; status: string }[] } }>(["get", "node", FAKE_NODE]);
                return node.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
            },
            60_000,
            logTails,
        );
        // Pods need their namespace's `default` ServiceAccount, which the controller manager creates.
        await waitFor(
            "ServiceAccount default/default",
            () => kubectlItems(["get", "serviceaccounts", "-n", "default"]).length > 0,
            60_000,
            logTails,
        );
        // By now every component has run for seconds: one that exited on a bad flag is reported with its log.
        const exited = processes.filter(({ name }) => !running(name)).map(({ name }) => name);
        if (exited.length > 0) throw new Error(`local cluster: ${exited.join(", ")} exited\n${logTails(40)}`);
        const provideDisk = (name: string, size = "10Gi") => {
            kubectl(["apply", "-f", "-"], JSON.stringify(persistentVolume(name, size)));
        };
        const restart = async (component: "etcd" | "kube-apiserver", signal: NodeJS.Signals, downtimeMs: number) => {
            const entry = processes.find((p) => p.name === component);
            if (!entry) throw new Error(`local cluster: no ${component}`);
            const exited = exitOf(entry.child);
            entry.child.kill(signal);
            await exited;
            await sleep(downtimeMs);
            entry.child = spawnLogged(entry.name, entry.command, entry.args, entry.log);
            await waitFor(
                "kube-apiserver /readyz after a restart",
                async () => (await apiStatus(apiPort, "/readyz", ca)) === 200,
                90_000,
                logTails,
            );
        };
        return { kubeconfig, kubectl, kubectlResult, kubectlObject, kubectlItems, provideDisk, restart, logTails, stop };
    } catch (error) {
        await stop();
        throw error;
    }
}

/** A hostPath PersistentVolume under /srv on the fake node, kept when its claim goes. */
function persistentVolume(name: string, size: string): KubernetesObject & { spec: Record<string, unknown> } {
    return {
        apiVersion: "v1",
        kind: "PersistentVolume",
        metadata: { name, labels: { "e2e-fixture": "true" } },
        spec: {
            capacity: { storage: size },
            accessModes: ["ReadWriteOnce"],
            persistentVolumeReclaimPolicy: "Retain",
            hostPath: { path: `/srv/${name}` },
        },
    };
}
