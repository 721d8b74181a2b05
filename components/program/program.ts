import * as pulumi from "@pulumi/pulumi";
import { Abcdesktop } from "../abcdesktop";
import { argsFromConfig } from "./argsFromConfig";

/** The stack outputs: names and a URL, never a secret value. */
export interface AbcdesktopStackOutputs {
    url: pulumi.Output<string>;
    namespace: pulumi.Output<string>;
    nodePort: pulumi.Output<number | undefined>;
    serviceNames: pulumi.Output<Record<string, string>>;
    secretNames: pulumi.Output<Record<string, string>>;
    configMapNames: pulumi.Output<Record<string, string>>;
    clusterObjectNames: pulumi.Output<Record<string, string>>;
}

/**
 * The program: the stack's config into one component, its outputs out. `index.ts` runs it for the Pulumi CLI;
 * the end-to-end tests run the same function as an Automation API inline program.
 */
export function abcdesktopProgram(): AbcdesktopStackOutputs {
    const platform = new Abcdesktop("abcdesktop", argsFromConfig(new pulumi.Config()));
    return {
        url: platform.url,
        namespace: platform.namespace,
        nodePort: platform.nodePort,
        serviceNames: platform.serviceNames,
        secretNames: platform.secretNames,
        configMapNames: platform.configMapNames,
        clusterObjectNames: platform.clusterObjectNames,
    };
}
