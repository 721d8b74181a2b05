import * as pulumi from "@pulumi/pulumi";
import { ImageArgs } from "../shared/image";
import { ResourcesArgs } from "../shared/resources";
import { AutoscalingArgs, checkScaling, SCALING_DEFAULTS, ScalingSettings } from "../shared/scaling";
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
    /** 1.0 only: give pyos the node's Docker Engine socket, which pyos 1.x needs at start (it lists applications through the Docker API); a node without Docker Engine stops pyos with a message saying so. Default `true`. */
    mountDockerSocket?: boolean;
    /** 1.0 only: give pyos its pod, exec, log, event and Secret rights in the whole cluster, as upstream's 1.x manifest did. Default `false`: a Role limits them to the namespace; only node reads stay cluster-wide. */
    clusterWideRbac?: boolean;
    /** 4.4 only: let pyos read Node objects (a ClusterRole `pyos-role` and its binding), which it uses to place desktops and tell whether a node has pulled an image; upstream's 4.4 manifest has only the namespaced Role. Default `false`. */
    nodeReads?: boolean;
    /** 4.4 only: replicas of Deployment `pyos-od` when autoscaling is off. With more than one, a PodDisruptionBudget keeps all but one running through node drains. Default `1`. */
    replicas?: number;
    /** 4.4 only: a HorizontalPodAutoscaler for `pyos-od` instead of a fixed count. */
    autoscaling?: AutoscalingArgs;
    /** 4.4 only: the API key the admin console and scripts send (header `X-API-KEY`) to pyos's manager API (od.config's `controllers.ManagerController.apikey`). Absent: the manager API checks only the caller's address. Stored as a Pulumi secret. */
    managerApiKey?: pulumi.Input<string>;
    /** Raw od.config entries, key to Python literal text (e.g. `{"desktop.homedirectorytype": "'volume'"}`): each replaces the generated value of that key or adds it. */
    odConfigOverrides?: { [key: string]: string };
}

export type PyosSettings = ContainerDefaults & {
    mountDockerSocket: boolean;
    clusterWideRbac: boolean;
    odConfigOverrides: Record<string, string>;
};

/** pyos 4.4: a Deployment that scales, and its own rights and manager API key. */
export type PyosSettings4_4 = ContainerDefaults &
    ScalingSettings & { nodeReads: boolean; odConfigOverrides: Record<string, string> } & Pick<PyosArgs, "managerApiKey">;

const DEFAULTS_4_4: PyosSettings4_4 = {
    image: { repository: "abcdesktopio/pyos", tag: "4.4.alpine_latest" },
    // Upstream's 4.4 manifest.
    resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "1", memory: "2Gi" } },
    ...SCALING_DEFAULTS,
    nodeReads: false,
    odConfigOverrides: {},
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
    for (const field of ["mountDockerSocket", "clusterWideRbac"]) check.onlyIn(`pyos.${field}`, ["1.0"]);
    for (const field of ["nodeReads", "replicas", "autoscaling", "managerApiKey"]) check.onlyIn(`pyos.${field}`, ["4.4"]);
    if (check.release === "4.4") checkScaling(check, "pyos");
    const apiKey = check.value("pyos.managerApiKey");
    if (typeof apiKey === "string" && !/^[\x21-\x7e]{16,}$/.test(apiKey)) {
        check.problem("pyos.managerApiKey", "must be at least 16 printable characters without spaces (the value is secret and not shown)");
    }
    const overrides = (check.value("pyos.odConfigOverrides") ?? {}) as Record<string, unknown>;
    for (const [key, value] of Object.entries(overrides)) {
        const path = `pyos.odConfigOverrides[${JSON.stringify(key)}]`;
        if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(key)) {
            check.problem(path, `${JSON.stringify(key)} is not an od.config key (letters, digits, '_' and '.')`);
        }
        if (typeof value !== "string") continue;
        const read = readPythonLiteral(
            value,
            pyosEnvironmentNames({
                ldapDirectory: check.value("auth.ldap") !== undefined || check.value("openldap.enabled") === true,
                oauthProviders: check.release === "4.4" ? Object.keys((check.value("auth.oauth") ?? {}) as object) : [],
                managerApiKey: check.release === "4.4" && check.isGiven("pyos.managerApiKey"),
            }),
        );
        if ("problem" in read) check.problem(path, `${check.show(path, value)} ${read.problem}`);
    }
}

export const pyosSettings: SettingsModule<{ "1.0": PyosSettings; "4.4": PyosSettings4_4 }> = {
    defaults: { "1.0": DEFAULTS_1_0, "4.4": DEFAULTS_4_4 },
    check,
    secretPaths: ["pyos.managerApiKey"],
};
