import { ImageArgs } from "../shared/image";
import { ResourcesArgs } from "../shared/resources";
import { Release, SettingsModule } from "../shared/settingsModule";
import { checkContainer, ContainerDefaults } from "../shared/workloadSettings";

/** The LibreSpeed bandwidth test the front end serves under `/speedtest`. */
export interface SpeedtestArgs {
    /** Container image; what is left out comes from the release's default (README, "Configuration reference"). */
    image?: ImageArgs;
    /** Requests and limits of container `speedtest`. */
    resources?: ResourcesArgs;
}

export type SpeedtestSettings = ContainerDefaults;

// Upstream 1.x left it unbounded; 4.4's requests and limits.
const DEFAULTS_1_0: SpeedtestSettings = {
    image: { repository: "abcdesktopio/oc.speedtest", tag: "1.0" },
    resources: { requests: { cpu: "100m", memory: "32Mi" }, limits: { cpu: "500m", memory: "128Mi" } },
};

export const speedtestSettings: SettingsModule<Record<Release, SpeedtestSettings>> = {
    defaults: { "1.0": DEFAULTS_1_0, "4.4": { ...DEFAULTS_1_0, image: { repository: "abcdesktopio/oc.speedtest", tag: "4.4" } } },
    check: (check) => checkContainer(check, "speedtest"),
};
