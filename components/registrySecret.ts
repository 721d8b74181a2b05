import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { DeploymentContext, namespacedMetadata } from "./context";
import { ResolvedRegistryCredentials } from "./settings";

export const REGISTRY_SECRET_NAME = "abcdesktopregistrysecret";

/** The `.dockerconfigjson` document Kubernetes expects, built from server, username and password. */
export function dockerConfigJson(server: string, username: string, password: string): string {
    const auth = Buffer.from(`${username}:${password}`).toString("base64");
    return JSON.stringify({ auths: { [server]: { username, password, auth } } });
}

/** Secret `abcdesktopregistrysecret`, the pull secret of every pod and of the user pods pyos creates. */
export function createRegistrySecret(
    name: string,
    context: DeploymentContext,
    credentials: ResolvedRegistryCredentials,
    opts: pulumi.CustomResourceOptions,
): k8s.core.v1.Secret {
    const document =
        credentials.dockerConfigJson !== undefined
            ? pulumi.output(credentials.dockerConfigJson)
            : pulumi
                  .all([credentials.server ?? "", credentials.username ?? "", credentials.password ?? ""])
                  .apply(([server, username, password]) => dockerConfigJson(server, username, password));
    return new k8s.core.v1.Secret(
        `${name}-${REGISTRY_SECRET_NAME}`,
        {
            metadata: namespacedMetadata(context, REGISTRY_SECRET_NAME),
            type: "kubernetes.io/dockerconfigjson",
            stringData: { ".dockerconfigjson": pulumi.secret(document) },
        },
        opts,
    );
}
