import * as pulumi from "@pulumi/pulumi";

/** The annotation the Kubernetes provider takes its Server-Side Apply field manager's name from, over its own. */
export const FIELD_MANAGER_ANNOTATION = "pulumi.com/patchFieldManager";

/** Kubernetes' limit on a field manager's name. */
const MAX_FIELD_MANAGER_LENGTH = 128;

/** The field manager of every object a stack writes: the same across runs, one per stack. */
export function stackFieldManager(stack: string): string {
    return `pulumi-kubernetes-abcdesktop-${stack}`.slice(0, MAX_FIELD_MANAGER_LENGTH);
}

/**
 * Gives every Kubernetes object the stack's own field manager (`pulumi.com/patchFieldManager`).
 *
 * Without it the provider draws a random name when an object is first created and keeps it in the state. A run
 * killed while it creates objects loses those names with the creations it never recorded: the next run creates the
 * objects again under new names, and the killed run's manager stays in their managedFields as a co-owner of every
 * field, so the next change of any of them (a key rotation's checksum) stopped on a Server-Side Apply conflict with
 * it. With one name per stack the next run takes the objects over as the same manager. On a stack deployed before,
 * the provider gives up the random manager of each object on its next update (provider.go, `ssa.Relinquish`). One
 * per stack, not one for all: two stacks writing the same object still conflict instead of overwriting each other.
 */
export function stackFieldManagerTransformation(manager: string): pulumi.ResourceTransformation {
    return ({ type, props, opts }) => {
        if (!type.startsWith("kubernetes:")) return undefined;
        return { props: { ...props, metadata: withAnnotation(props.metadata, FIELD_MANAGER_ANNOTATION, manager) }, opts };
    };
}

type Annotations = pulumi.Input<Record<string, pulumi.Input<string>>>;
type Metadata = { annotations?: Annotations } & Record<string, unknown>;

/**
 * `metadata` with one more annotation. The fields stay as they were, known or not: an Output made of the whole
 * metadata would be unknown in a preview wherever any of its parts is, its name among them, and the provider
 * plans a replacement when an object's name may change.
 */
function withAnnotation(metadata: pulumi.Input<Metadata> | undefined, key: string, value: string): pulumi.Input<Metadata> {
    if (pulumi.Output.isInstance(metadata) || metadata instanceof Promise) {
        return pulumi.output(metadata).apply((m) => withAnnotation(m as Metadata, key, value) as Metadata);
    }
    const annotations = metadata?.annotations;
    return {
        ...metadata,
        annotations: pulumi.Output.isInstance(annotations)
            ? annotations.apply((a) => ({ ...a, [key]: value }))
            : { ...(annotations ?? {}), [key]: value },
    };
}
