import { ImageArgs } from "../shared/image";
import { ResourcesArgs } from "../shared/resources";
import { Release, SettingsModule } from "../shared/settingsModule";
import { checkContainer, ContainerDefaults } from "../shared/workloadSettings";

/** Memcached, the session cache of pyos and the front end. */
export interface MemcachedArgs {
    /** Container image; what is left out comes from the release's default (README, "Configuration reference"). */
    image?: ImageArgs;
    /** Requests and limits of container `memcached`. */
    resources?: ResourcesArgs;
}

export type MemcachedSettings = ContainerDefaults;

// Upstream 1.x ran `memcached` untagged (latest); pinned to a release of that era, with 4.4's requests and limits.
const DEFAULTS_1_0: MemcachedSettings = {
    image: { repository: "memcached", tag: "1.6.17" },
    resources: { requests: { cpu: "100m", memory: "16Mi" }, limits: { cpu: "200m", memory: "64Mi" } },
};

export const memcachedSettings: SettingsModule<Record<Release, MemcachedSettings>> = {
    defaults: { "1.0": DEFAULTS_1_0, "4.4": { ...DEFAULTS_1_0, image: { repository: "abcdesktopio/oc.memcached", tag: "4.4" } } },
    check: (check) => checkContainer(check, "memcached"),
};
