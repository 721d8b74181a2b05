import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ComponentScope } from "../shared/context";
import { AbcdesktopArgsError } from "../shared/validation";
import { dockerConfigJson, dockerConfigJsonProblem, RegistryCredentialsArgs } from "./settings";

export const REGISTRY_SECRET_NAME = "abcdesktopregistrysecret";

/** Secret `abcdesktopregistrysecret`, the pull secret of every pod and of the user pods pyos creates. */
export function createRegistrySecret(
    scope: ComponentScope,
    credentials: RegistryCredentialsArgs,
    opts: pulumi.CustomResourceOptions,
): k8s.core.v1.Secret {
    const document =
        credentials.dockerConfigJson !== undefined
            ? // Given as an Output (another resource's secret), the document is checked once it resolves.
              pulumi.output(credentials.dockerConfigJson).apply((text) => {
                  const problem = dockerConfigJsonProblem(text);
                  if (problem)
                      throw new AbcdesktopArgsError([
                          `registry.credentials.dockerConfigJson: ${problem} (the value is secret and not shown)`,
                      ]);
                  return text;
              })
            : pulumi
                  .all([credentials.server ?? "", credentials.username ?? "", credentials.password ?? ""])
                  .apply(([server, username, password]) => dockerConfigJson(server, username, password));
    return new k8s.core.v1.Secret(
        `${scope.context.instance}-${REGISTRY_SECRET_NAME}`,
        {
            metadata: scope.metadata(REGISTRY_SECRET_NAME),
            type: "kubernetes.io/dockerconfigjson",
            stringData: { ".dockerconfigjson": pulumi.secret(document) },
        },
        opts,
    );
}
