import { ImageArgs } from "../shared/image";
import { ResourcesArgs } from "../shared/resources";
import { SettingsModule } from "../shared/settingsModule";
import { checkContainer, ContainerDefaults } from "../shared/workloadSettings";

/** The 4.4 admin console, served by the router under `/console`. */
export interface ConsoleArgs {
    /** Deploy the console (Deployment `console-od`, Service `console`, ConfigMap `version-config`). Default `true`. */
    enabled?: boolean;
    /** Container image; what is left out comes from the release's default (README, "Configuration reference"). */
    image?: ImageArgs;
    /** Requests and limits of container `console`. */
    resources?: ResourcesArgs;
    /** Where the console's App Store reads the list of applications (`ABCDESKTOP_APPLICATIONS_LIST_URL` in `version-config`); the browser fetches it, so an air-gapped install serves its own copy. Default: upstream's list for 4.4 on raw.githubusercontent.com. */
    applicationsListUrl?: string;
}

export type ConsoleSettings = ContainerDefaults & { enabled: boolean; applicationsListUrl: string };

const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/;

export const consoleSettings: SettingsModule<{ "4.4": ConsoleSettings }> = {
    defaults: {
        "4.4": {
            enabled: true,
            image: { repository: "abcdesktopio/console", tag: "4.4" },
            resources: { requests: { cpu: "100m", memory: "16Mi" }, limits: { cpu: "500m", memory: "128Mi" } },
            applicationsListUrl: "https://raw.githubusercontent.com/abcdesktopio/images/refs/heads/main/appLists/appList.4.4.json",
        },
    },
    check(check) {
        checkContainer(check, "console");
        check.pattern("console.applicationsListUrl", HTTP_URL, "an http:// or https:// URL", 2048);
        if (check.value("console.enabled") !== true) {
            for (const field of ["image", "resources", "applicationsListUrl"])
                check.noEffect(`console.${field}`, "console.enabled is true");
        }
    },
};
