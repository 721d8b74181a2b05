import { ImageArgs } from "../shared/image";
import { ResourcesArgs } from "../shared/resources";
import { SettingsModule } from "../shared/settingsModule";
import { checkContainer, ContainerDefaults } from "../shared/workloadSettings";

/** The 1.0 web front end and JWT router, DaemonSet `daemonset-nginx` behind Service `nginx`. */
export interface NginxArgs {
    /** Container image; what is left out comes from the release's default (README, "Configuration reference"). */
    image?: ImageArgs;
    /** Requests and limits of container `nginx`. */
    resources?: ResourcesArgs;
}

export type NginxSettings = ContainerDefaults;

export const nginxSettings: SettingsModule<{ "1.0": NginxSettings }> = {
    defaults: {
        // Upstream's 1.x manifest.
        "1.0": {
            image: { repository: "abcdesktopio/oc.nginx", tag: "1.0" },
            resources: { requests: { cpu: "250m", memory: "64Mi" }, limits: { cpu: "2", memory: "512Mi" } },
        },
    },
    check: (check) => checkContainer(check, "nginx"),
};
