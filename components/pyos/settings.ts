import { ImageArgs } from "../shared/image";
import { ResourcesArgs } from "../shared/resources";
import { SettingsModule } from "../shared/settingsModule";
import { SettingsCheck } from "../shared/validation";
import { checkContainer, ContainerDefaults } from "../shared/workloadSettings";
import { pyosEnvironmentNames } from "./environment";
import { readPythonLiteral } from "./pythonLiteralSyntax";

/** The API server: it logs users in, signs their JWTs and creates their desktop pods. */
export interface PyosArgs {
    /** Container image; what is left out comes from the release's default (README, "Configuration reference"). */
    image?: ImageArgs;
    /** Requests and limits of container `pyos`. */
    resources?: ResourcesArgs;
    /** Give pyos the node's Docker Engine socket, which pyos 1.x needs at start (it lists applications through the Docker API); a node without Docker Engine stops pyos with a message saying so. Default `true`. */
    mountDockerSocket?: boolean;
    /** Give pyos its pod, exec, log, event and Secret rights in the whole cluster, as upstream's 1.x manifest did. Default `false`: a Role limits them to the namespace; only node reads stay cluster-wide. */
    clusterWideRbac?: boolean;
    /** Raw od.config entries, key to Python literal text (e.g. `{"desktop.homedirectorytype": "'volume'"}`): each replaces the generated value of that key or adds it. */
    odConfigOverrides?: { [key: string]: string };
}

export type PyosSettings = ContainerDefaults & {
    mountDockerSocket: boolean;
    clusterWideRbac: boolean;
    odConfigOverrides: Record<string, string>;
};

const DEFAULTS_1_0: PyosSettings = {
    image: { repository: "abcdesktopio/oc.pyos", tag: "1.1" },
    // Upstream's 1.x manifest.
    resources: { requests: { cpu: "500m", memory: "128Mi" }, limits: { cpu: "2", memory: "512Mi" } },
    mountDockerSocket: true,
    clusterWideRbac: false,
    odConfigOverrides: {},
};

function check(check: SettingsCheck): void {
    checkContainer(check, "pyos");
    const overrides = (check.value("pyos.odConfigOverrides") ?? {}) as Record<string, unknown>;
    for (const [key, value] of Object.entries(overrides)) {
        const path = `pyos.odConfigOverrides[${JSON.stringify(key)}]`;
        if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(key)) {
            check.problem(path, `${JSON.stringify(key)} is not an od.config key (letters, digits, '_' and '.')`);
        }
        if (typeof value !== "string") continue;
        const read = readPythonLiteral(
            value,
            pyosEnvironmentNames(check.value("auth.ldap") !== undefined || check.value("openldap.enabled") === true),
        );
        if ("problem" in read) check.problem(path, `${check.show(path, value)} ${read.problem}`);
    }
}

export const pyosSettings: SettingsModule<{ "1.0": PyosSettings }> = { defaults: { "1.0": DEFAULTS_1_0 }, check };
