import { ImageArgs } from "../shared/image";
import { ResourcesArgs } from "../shared/resources";
import { Release, SettingsModule } from "../shared/settingsModule";
import { checkContainer, ContainerDefaults } from "../shared/workloadSettings";

/** The demo OpenLDAP directory `openldap-od` with the Planet Express users, for trying LDAP login. */
export interface OpenldapArgs {
    /** Deploy it and log users in with it (unless `auth.ldap` names another directory). Default `false`. */
    enabled?: boolean;
    /** Container image; what is left out comes from the release's default (README, "Configuration reference"). */
    image?: ImageArgs;
    /** Requests and limits of container `openldap`. */
    resources?: ResourcesArgs;
}

export type OpenldapSettings = ContainerDefaults & { enabled: boolean };

// Upstream 1.x ran rroemhild/test-openldap untagged (latest): pinned to a release of that era, with 4.4's sizes.
// Off in both releases, though 4.4's manifest has it: a directory with published passwords is for trying things.
const DEFAULTS_1_0: OpenldapSettings = {
    enabled: false,
    image: { repository: "rroemhild/test-openldap", tag: "2.1" },
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "2Gi" } },
};

export const openldapSettings: SettingsModule<Record<Release, OpenldapSettings>> = {
    defaults: {
        "1.0": DEFAULTS_1_0,
        "4.4": { ...DEFAULTS_1_0, image: { repository: "abcdesktopio/docker-test-openldap", tag: "4.4" } },
    },
    check: (check) => {
        checkContainer(check, "openldap");
        if (check.value("openldap.enabled") !== true) {
            check.noEffect("openldap.image", "openldap.enabled is true");
            check.noEffect("openldap.resources", "openldap.enabled is true");
        } else if (check.value("auth.ldap") !== undefined) {
            check.warn("openldap.enabled", "deploys the demo directory, but users log in with auth.ldap: the demo directory is not used");
        }
    },
};
