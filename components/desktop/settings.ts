import { checkImage, ImageArgs } from "../shared/image";
import { MEMORY_EXAMPLES, quantityBytes } from "../shared/quantity";
import { SettingsModule } from "../shared/settingsModule";
import { SettingsCheck } from "../shared/validation";

/** How pyos gives a desktop its home directory. */
export const HomeDirectoryType = {
    /** A volume inside the user's pod: the home lives and dies with the desktop (upstream's default). */
    volume: "volume",
    /** A subdirectory per user on the shared claim `persistentvolumeclaim-home-directory`: homes outlive desktops. */
    persistentVolumeClaim: "persistentVolumeClaim",
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
    /** Start it beside each desktop. Default `false`. */
    enabled?: boolean;
    /** Its image; what is left out comes from the release's default (README, "Configuration reference"). */
    image?: ImageArgs;
}

/** Where users' home directories live: the StorageClass, PersistentVolume and PersistentVolumeClaim of the seed. */
export interface HomeDirectoryArgs {
    /** `volume` (a volume inside the user pod that lives and dies with it, upstream's default) or `persistentVolumeClaim` (the shared claim `persistentvolumeclaim-home-directory`). Default `volume`. */
    type?: HomeDirectoryType;
    /** Absolute path on the node that backs PersistentVolume `pv-volume-home-directory`. Default `/var/lib/abcdesktop/home`. */
    hostPath?: string;
    /** Capacity of the PersistentVolume, a Kubernetes quantity. Default `10Gi`. */
    capacity?: string;
    /** Storage requested by the claim, a Kubernetes quantity no larger than `capacity`. Default `3Gi`. */
    request?: string;
    /** Access mode of volume and claim. Default `ReadWriteMany`. */
    accessMode?: VolumeAccessMode;
}

/** The user desktops pyos starts: their images and their home directories. */
export interface DesktopArgs {
    /** The desktop image pyos starts for each login; what is left out comes from the release's default (README, "Configuration reference"). */
    image?: ImageArgs;
    /** A printing (cupsd) container beside each desktop. */
    printer?: DesktopSidecarArgs;
    /** A sound (pulseaudio) container beside each desktop. */
    sound?: DesktopSidecarArgs;
    /** Home directory storage. */
    homeDirectory?: HomeDirectoryArgs;
}

export interface DesktopSettings {
    image: ImageArgs;
    printer: { enabled: boolean; image: ImageArgs };
    sound: { enabled: boolean; image: ImageArgs };
    homeDirectory: Required<HomeDirectoryArgs>;
}

const DEFAULTS_1_0: DesktopSettings = {
    image: { repository: "abcdesktopio/oc.user.18.04", tag: "1.0" },
    printer: { enabled: false, image: { repository: "abcdesktopio/oc.cupsd.18.04", tag: "1.0" } },
    sound: { enabled: false, image: { repository: "abcdesktopio/oc.pulseaudio.18.04", tag: "1.0" } },
    homeDirectory: { type: "volume", hostPath: "/var/lib/abcdesktop/home", capacity: "10Gi", request: "3Gi", accessMode: "ReadWriteMany" },
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

function check(check: SettingsCheck): void {
    checkImage(check, "desktop.image");
    for (const sidecar of ["printer", "sound"]) {
        checkImage(check, `desktop.${sidecar}.image`);
        if (check.value(`desktop.${sidecar}.enabled`) !== true)
            check.noEffect(`desktop.${sidecar}.image`, `desktop.${sidecar}.enabled is true`);
    }
    checkHomeDirectory(check);
}

export const desktopSettings: SettingsModule<DesktopSettings> = { defaults: { "1.0": DEFAULTS_1_0 }, check };
