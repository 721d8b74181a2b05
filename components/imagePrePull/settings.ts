import { checkImage, checkImageReferences, ImageArgs } from "../shared/image";
import { Release, SettingsModule } from "../shared/settingsModule";
import { SettingsCheck } from "../shared/validation";

/** DaemonSet `daemonset-image-prepull`: the desktop images pulled onto every node before the first login. */
export interface ImagePrePullArgs {
    /** Pre-pull the desktop images (desktop, printer and sound when on; in 4.4 also the filer and init images) and the applications on every node. Default `false`. */
    enabled?: boolean;
    /** Application images to pre-pull, as `repository:tag` or `repository@sha256:...`; replaces the release's list (README, "Configuration reference"). */
    applications?: string[];
    /** The do-nothing container that keeps the pre-pull pods, and their images, in place. */
    pauseImage?: ImageArgs;
}

export type ImagePrePullSettings = { enabled: boolean; applications: string[]; pauseImage: ImageArgs };

/**
 * The sample applications the seed's install script pulls at its 1.0 tag. The seed also names gnome-terminal,
 * but upstream never published a 1.0 tag of it (install.sh never pulled it): pre-pulling a missing image would
 * leave the DaemonSet failing, so it is left for users to add with the tag they have.
 */
const APPLICATIONS_1_0 = ["writer.d", "calc.d", "impress.d", "firefox.d", "gimp.d"].map((name) => `abcdesktopio/${name}:1.0`);

function check(check: SettingsCheck): void {
    checkImageReferences(check, "imagePrePull.applications");
    checkImage(check, "imagePrePull.pauseImage");
    if (check.value("imagePrePull.enabled") !== true) {
        check.noEffect("imagePrePull.applications", "imagePrePull.enabled is true");
        check.noEffect("imagePrePull.pauseImage", "imagePrePull.enabled is true");
    }
}

const DEFAULTS_1_0: ImagePrePullSettings = {
    enabled: false,
    applications: APPLICATIONS_1_0,
    pauseImage: { repository: "registry.k8s.io/pause", tag: "3.10" },
};

export const imagePrePullSettings: SettingsModule<Record<Release, ImagePrePullSettings>> = {
    defaults: {
        "1.0": DEFAULTS_1_0,
        // 4.4 lists its applications in the console's App Store, not as a fixed set of images.
        "4.4": { ...DEFAULTS_1_0, applications: [], pauseImage: { registry: "registry.k8s.io", repository: "pause", tag: "3.10" } },
    },
    check,
};
