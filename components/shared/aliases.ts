import * as pulumi from "@pulumi/pulumi";
import { DeploymentContext } from "./context";

/**
 * An alias for a child that sat under a sub-component this package no longer has (same Pulumi name, same
 * type): stacks deployed by earlier versions keep the object instead of replacing it.
 */
export function movedFromComponent(context: DeploymentContext, formerComponentType: string): pulumi.Alias {
    return { parent: pulumi.createUrn(context.instance, formerComponentType, context.root) };
}

/** An alias for a child that sat directly under the Abcdesktop component. */
export function movedFromRoot(context: DeploymentContext): pulumi.Alias {
    return { parent: context.root };
}
