import { checkImage, ImageArgs } from "../shared/image";
import { MEMORY_EXAMPLES, quantityBytes } from "../shared/quantity";
import { checkResources, ResolvedResources, ResourcesArgs } from "../shared/resources";
import { SettingsModule } from "../shared/settingsModule";
import { SettingsCheck } from "../shared/validation";

/** How pyos gives a desktop its home directory. */
export const HomeDirectoryType = {
    /** A volume inside the user's pod: the home lives and dies with the desktop (upstream's default). */
    volume: "volume",
    /** A subdirectory per user on the shared claim `persistentvolumeclaim-home-directory`: homes outlive desktops. */
    persistentVolumeClaim: "persistentVolumeClaim",
    /** 4.4 only: a directory per user under `homeDirectory.hostPath` on the node the desktop runs on. */
    hostPath: "hostPath",
} as const;
/** How pyos gives a desktop its home directory. */
export type HomeDirectoryType = (typeof HomeDirectoryType)[keyof typeof HomeDirectoryType];

/** Access mode of a PersistentVolume and its claim. */
export const VolumeAccessMode = {
    /** Mounted read-write by pods on many nodes (NFS, CephFS...): desktops can run on every node. */
    ReadWriteMany: "ReadWriteMany",
    /** Mounted read-write by the pods of one node. */
    ReadWriteOnce: "ReadWriteOnce",
    /** Mounted read-write by a single pod. */
    ReadWriteOncePod: "ReadWriteOncePod",
} as const;
/** Access mode of a PersistentVolume and its claim. */
export type VolumeAccessMode = (typeof VolumeAccessMode)[keyof typeof VolumeAccessMode];

/** A container pyos starts beside each desktop. */
export interface DesktopSidecarArgs {
    /** Start it beside each desktop. Its default is stated with each sidecar. */
    enabled?: boolean;
    /** Its image; what is left out comes from the release's default (README, "Configuration reference"). */
    image?: ImageArgs;
}

/** Where users' home directories live: the StorageClass, PersistentVolume and PersistentVolumeClaim of the seed. */
export interface HomeDirectoryArgs {
    /** `volume` (a volume inside the user pod that lives and dies with it, upstream's default), `persistentVolumeClaim` (the shared claim `persistentvolumeclaim-home-directory`) or, in 4.4, `hostPath` (a directory per user under `hostPath` on the desktop's node). Default `volume`. */
    type?: HomeDirectoryType;
    /** Absolute path on the node that backs PersistentVolume `pv-volume-home-directory` (with `hostPath`: the directory the users' directories are made in). Default `/var/lib/abcdesktop/home`. */
    hostPath?: string;
    /** Capacity of the PersistentVolume, a Kubernetes quantity. Default `10Gi`. */
    capacity?: string;
    /** Storage requested by the claim, a Kubernetes quantity no larger than `capacity`. Default `3Gi`. */
    request?: string;
    /** Access mode of volume and claim. Default `ReadWriteMany`. */
    accessMode?: VolumeAccessMode;
}

/** A Kubernetes toleration of the desktop pods, letting them run on tainted nodes. */
export interface TolerationArgs {
    /** Taint key; empty with operator `Exists` tolerates every taint. */
    key?: string;
    /** `Equal` (the default) or `Exists`. */
    operator?: string;
    /** Taint value, with operator `Equal`. */
    value?: string;
    /** `NoSchedule`, `PreferNoSchedule` or `NoExecute`; empty tolerates all three. */
    effect?: string;
    /** With `NoExecute`: how long the pod stays after the taint appears. */
    tolerationSeconds?: number;
}

/** The user desktops pyos starts: their images and their home directories. */
export interface DesktopArgs {
    /** The desktop image pyos starts for each login; what is left out comes from the release's default (README, "Configuration reference"). */
    image?: ImageArgs;
    /** A printing (cupsd) container beside each desktop. Default: off. */
    printer?: DesktopSidecarArgs;
    /** A sound (pulseaudio) container beside each desktop. Default: off in 1.0, on in 4.4. */
    sound?: DesktopSidecarArgs;
    /** 4.4 only: the file service container beside each desktop (uploads and downloads). Default: on. */
    filer?: DesktopSidecarArgs;
    /** 4.4 only: the image of the init container that prepares each desktop's home and sudoers (upstream runs `busybox` untagged). */
    initImage?: ImageArgs;
    /** 4.4 only: requests and limits of each desktop's graphical container (od.config's `executeclasses.default`). */
    resources?: ResourcesArgs;
    /** 4.4 only: node labels a desktop's node must have (od.config's `desktop.nodeselector`), e.g. `{"abcdesktoprole": "worker"}`. Default `{}`. */
    nodeSelector?: { [label: string]: string };
    /** 4.4 only: tolerations of the desktop and application pods, to run them on tainted nodes. Default `[]`. */
    tolerations?: TolerationArgs[];
    /** Home directory storage. */
    homeDirectory?: HomeDirectoryArgs;
}

type Sidecar = { enabled: boolean; image: ImageArgs };

export interface DesktopSettings {
    image: ImageArgs;
    printer: Sidecar;
    sound: Sidecar;
    homeDirectory: Required<HomeDirectoryArgs>;
}

/** What 4.4's desktop pods have besides 1.0's. */
export type DesktopSettings4_4 = DesktopSettings & {
    filer: Sidecar;
    initImage: ImageArgs;
    resources: ResolvedResources;
    nodeSelector: Record<string, string>;
    tolerations: TolerationArgs[];
};

const DEFAULTS_1_0: DesktopSettings = {
    image: { repository: "abcdesktopio/oc.user.18.04", tag: "1.0" },
    printer: { enabled: false, image: { repository: "abcdesktopio/oc.cupsd.18.04", tag: "1.0" } },
    sound: { enabled: false, image: { repository: "abcdesktopio/oc.pulseaudio.18.04", tag: "1.0" } },
    homeDirectory: { type: "volume", hostPath: "/var/lib/abcdesktop/home", capacity: "10Gi", request: "3Gi", accessMode: "ReadWriteMany" },
};

const DEFAULTS_4_4: DesktopSettings4_4 = {
    image: { repository: "abcdesktopio/oc.user.ubuntu.sudo.24.04", tag: "4.4" },
    printer: { enabled: false, image: { repository: "abcdesktopio/oc.cupsd", tag: "4.4" } },
    sound: { enabled: true, image: { repository: "abcdesktopio/oc.pulseaudio", tag: "4.4" } },
    filer: { enabled: true, image: { repository: "abcdesktopio/oc.filer", tag: "4.4" } },
    initImage: { registry: "docker.io", repository: "library/busybox", tag: "1.37.0" },
    // od.config 4.4's `executeclasses.default`: up to 4 cores and 8Gi.
    resources: { requests: { cpu: "220m", memory: "576Mi" }, limits: { cpu: "4", memory: "8Gi" } },
    nodeSelector: {},
    tolerations: [],
    homeDirectory: DEFAULTS_1_0.homeDirectory,
};

/**
 * Node paths a home-directory volume must never expose to desktops: the root and the system trees. A desktop
 * user with `/` or `/etc` as home would read and write the node itself.
 */
const SYSTEM_PATHS = [
    "/",
    "/bin",
    "/boot",
    "/dev",
    "/etc",
    "/lib",
    "/lib32",
    "/lib64",
    "/proc",
    "/root",
    "/run",
    "/sbin",
    "/sys",
    "/usr",
    "/var",
    "/var/run",
    "/var/lib",
    "/var/lib/kubelet",
    "/tmp",
];
const SYSTEM_TREES = [
    "/boot",
    "/dev",
    "/etc",
    "/proc",
    "/sys",
    "/run",
    "/var/run",
    "/var/lib/kubelet",
    "/var/lib/containerd",
    "/var/lib/docker",
];

/** The path with repeated and trailing slashes removed, as the kubelet resolves it. */
function normalizedPath(path: string): string {
    const collapsed = path.replace(/\/+/g, "/");
    return collapsed.length > 1 ? collapsed.replace(/\/$/, "") : collapsed;
}

function checkHomeDirectory(check: SettingsCheck): void {
    const hostPath = check.value("desktop.homeDirectory.hostPath");
    if (typeof hostPath === "string") {
        const normal = normalizedPath(hostPath);
        if (!hostPath.startsWith("/") || hostPath.split("/").includes("..") || hostPath.split("/").includes(".")) {
            check.problem(
                "desktop.homeDirectory.hostPath",
                `${check.show("desktop.homeDirectory.hostPath")} is not an absolute path without '.' or '..'`,
            );
        } else if (SYSTEM_PATHS.includes(normal) || SYSTEM_TREES.some((tree) => normal.startsWith(`${tree}/`))) {
            check.problem(
                "desktop.homeDirectory.hostPath",
                `${check.show("desktop.homeDirectory.hostPath")} is the node's ${normal === "/" ? "root" : "system directory " + normal}: desktops would read and write the node itself; use a directory of its own such as /var/lib/abcdesktop/home`,
            );
        }
    }
    const bytes = (key: "capacity" | "request") => {
        const path = `desktop.homeDirectory.${key}`;
        const value = check.value(path);
        const parsed = typeof value === "string" ? quantityBytes(value) : undefined;
        if (parsed === undefined || parsed <= 0) check.problem(path, `${check.show(path)} is not ${MEMORY_EXAMPLES}`);
        return parsed;
    };
    const capacity = bytes("capacity");
    const request = bytes("request");
    if (capacity !== undefined && request !== undefined && request > capacity) {
        check.problem(
            "desktop.homeDirectory.request",
            `${check.show("desktop.homeDirectory.request")} is larger than the volume's capacity ${check.show("desktop.homeDirectory.capacity")}; the claim could never bind`,
        );
    }
}

const TOLERATION_OPERATORS = ["Equal", "Exists"];
const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

function checkPlacement(check: SettingsCheck): void {
    check.labelMap("desktop.nodeSelector", "label");
    const tolerations = (check.value("desktop.tolerations") ?? []) as unknown[];
    tolerations.forEach((_, i) => {
        check.oneOf(`desktop.tolerations[${i}].operator`, TOLERATION_OPERATORS);
        check.oneOf(`desktop.tolerations[${i}].effect`, TAINT_EFFECTS);
        if (check.value(`desktop.tolerations[${i}].operator`) === "Exists" && check.isGiven(`desktop.tolerations[${i}].value`)) {
            check.problem(`desktop.tolerations[${i}].value`, "must be left out with operator Exists, which matches any value");
        }
    });
}

function check(check: SettingsCheck): void {
    checkImage(check, "desktop.image");
    for (const sidecar of ["printer", "sound", "filer"]) {
        checkImage(check, `desktop.${sidecar}.image`);
        if (check.value(`desktop.${sidecar}.enabled`) !== true)
            check.noEffect(`desktop.${sidecar}.image`, `desktop.${sidecar}.enabled is true`);
    }
    for (const field of ["filer", "initImage", "resources", "nodeSelector", "tolerations"]) check.onlyIn(`desktop.${field}`, ["4.4"]);
    if (check.value("desktop.homeDirectory.type") === "hostPath") {
        if (check.release !== "4.4") {
            check.problem(
                "desktop.homeDirectory.type",
                `"hostPath" is a home directory type of release "4.4"; allowed in ${JSON.stringify(check.release)}: "volume", "persistentVolumeClaim"`,
            );
        }
        for (const field of ["capacity", "request", "accessMode"])
            check.noEffect(`desktop.homeDirectory.${field}`, "desktop.homeDirectory.type is persistentVolumeClaim");
    }
    if (check.release === "4.4") {
        checkImage(check, "desktop.initImage");
        checkResources(check, "desktop.resources");
        checkPlacement(check);
    }
    checkHomeDirectory(check);
}

export const desktopSettings: SettingsModule<{ "1.0": DesktopSettings; "4.4": DesktopSettings4_4 }> = {
    defaults: { "1.0": DEFAULTS_1_0, "4.4": DEFAULTS_4_4 },
    check,
};
