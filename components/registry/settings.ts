import * as pulumi from "@pulumi/pulumi";
import { PullPolicy } from "../shared/image";
import { Release, SettingsModule } from "../shared/settingsModule";
import { SettingsCheck } from "../shared/validation";

/**
 * Credentials of a private registry, stored as the `kubernetes.io/dockerconfigjson` Secret
 * `abcdesktopregistrysecret`. Give either `server`, `username` and `password`, or `dockerConfigJson`.
 */
export interface RegistryCredentialsArgs {
    /** Registry host, e.g. `registry.example.com` or `https://index.docker.io/v1/`. */
    server?: string;
    /** User name on that registry. */
    username?: string;
    /** Password or access token. Stored as a Pulumi secret. */
    password?: pulumi.Input<string>;
    /** A complete Docker `config.json` document (`{"auths": {...}}`), used as is instead of server, username and password. Stored as a Pulumi secret. */
    dockerConfigJson?: pulumi.Input<string>;
}

/** Where images come from: a registry prefix and pull policy for every image, and the credentials to pull them. */
export interface RegistryArgs {
    /** Registry host and optional path put in front of every image that does not set its own, e.g. `registry.example.com/abcdesktop-mirror`. Defaults: `""` in 1.0 (the images' own names: Docker Hub, registry.k8s.io), `ghcr.io` in 4.4 (upstream's registry). */
    prefix?: string;
    /** `imagePullPolicy` of every image that does not set its own. Default `IfNotPresent`. */
    pullPolicy?: PullPolicy;
    /** Credentials of a private registry. Absent: no registry Secret and no `imagePullSecrets`. */
    credentials?: RegistryCredentialsArgs;
}

const DEFAULTS_1_0 = { prefix: "", pullPolicy: "IfNotPresent" as PullPolicy };

export type RegistrySettings = typeof DEFAULTS_1_0 & Pick<RegistryArgs, "credentials">;

/** The `.dockerconfigjson` document Kubernetes expects, built from server, username and password. */
export function dockerConfigJson(server: string, username: string, password: string): string {
    const auth = Buffer.from(`${username}:${password}`).toString("base64");
    return JSON.stringify({ auths: { [server]: { username, password, auth } } });
}

/** Why a Docker config document would not give the kubelet credentials, or undefined when it would. */
export function dockerConfigJsonProblem(text: string): string | undefined {
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        return "is not valid JSON";
    }
    const auths = (parsed as { auths?: unknown } | null)?.auths;
    if (typeof auths !== "object" || auths === null || Array.isArray(auths) || Object.keys(auths).length === 0) {
        return 'must hold a non-empty "auths" object, like ~/.docker/config.json';
    }
    return undefined;
}

function check(check: SettingsCheck): void {
    check.pattern(
        "registry.prefix",
        /^$|^[A-Za-z0-9.-]+(:[0-9]+)?(\/[a-z0-9]+([._-]{1,2}[a-z0-9]+)*)*\/?$/,
        "a registry host such as registry.example.com or registry.example.com:5000/mirror",
    );
    const credentials = check.value("registry.credentials") as RegistryCredentialsArgs | undefined;
    if (!credentials) return;
    const parts = ["server", "username", "password"] as const;
    const given = parts.filter((part) => credentials[part] !== undefined && credentials[part] !== "");
    if (credentials.dockerConfigJson !== undefined) {
        if (given.length > 0) {
            check.problem(
                "registry.credentials",
                `give either dockerConfigJson or server, username and password, not both (got dockerConfigJson and ${given.join(", ")})`,
            );
        }
        if (typeof credentials.dockerConfigJson === "string") {
            const problem = dockerConfigJsonProblem(credentials.dockerConfigJson);
            if (problem) check.problem("registry.credentials.dockerConfigJson", `${problem} (the value is secret and not shown)`);
        }
    } else {
        for (const part of parts.filter((p) => !given.includes(p))) {
            check.problem(
                `registry.credentials.${part}`,
                "required: server, username and password go together (or give a complete dockerConfigJson)",
            );
        }
    }
    check.pattern(
        "registry.credentials.server",
        /^(https?:\/\/)?[A-Za-z0-9.-]+(:[0-9]+)?(\/[^\s]*)?$/,
        "a registry host such as registry.example.com",
    );
}

export const registrySettings: SettingsModule<Record<Release, RegistrySettings>> = {
    // 4.4's images live on ghcr.io; a mirror of them replaces the whole prefix.
    defaults: { "1.0": DEFAULTS_1_0, "4.4": { ...DEFAULTS_1_0, prefix: "ghcr.io" } },
    check,
    secretPaths: ["registry.credentials.password", "registry.credentials.dockerConfigJson"],
};
