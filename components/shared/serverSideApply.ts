import * as pulumi from "@pulumi/pulumi";

/** The annotation the Kubernetes provider takes its Server-Side Apply field manager's name from, over its own. */
export const FIELD_MANAGER_ANNOTATION = "pulumi.com/patchFieldManager";

/** The annotation that has the provider apply with `force`: fields another manager holds are taken, not refused. */
export const PATCH_FORCE_ANNOTATION = "pulumi.com/patchForce";

/** Kubernetes' limit on a field manager's name. */
const MAX_FIELD_MANAGER_LENGTH = 128;

/** The field manager of every object a stack writes: the same across runs, one per stack. */
export function stackFieldManager(stack: string): string {
    return `pulumi-kubernetes-abcdesktop-${stack}`.slice(0, MAX_FIELD_MANAGER_LENGTH);
}

/**
 * How the stack applies every Kubernetes object: as its own field manager, and owning every field it sets.
 *
 * One field manager per stack (`pulumi.com/patchFieldManager`). Otherwise the provider draws a random name when it
 * first creates an object and keeps it in the state: a run killed while it creates objects loses those names with
 * the creations it never recorded, the next run takes the objects over under new names, and the killed run's manager
 * stays in their managedFields as a co-owner of every field. One per stack, not one for all: two stacks applying the
 * same object would otherwise overwrite each other unnoticed.
 *
 * Owning its fields (`pulumi.com/patchForce`), as Helm does with what a chart sets: where another manager holds a
 * field the stack sets, with another value, Server-Side Apply refuses the whole apply, and a `pulumi up` stops. That
 * is what an upgrade from a version with the provider's random managers met on every field it changed (each atomic
 * list, such as a StatefulSet's claim templates, counts as one field, defaults included), and what a run meets after
 * anyone edits one of those fields with kubectl. With force the stack's value wins, and the provider then gives up the
 * old random manager (`ssa.Relinquish`). Fields the stack does not set and a controller writes (an autoscaler's
 * replicas) stay the controller's.
 */
export function serverSideApplyTransformation(stack: string): pulumi.ResourceTransformation {
    const annotations = { [FIELD_MANAGER_ANNOTATION]: stackFieldManager(stack), [PATCH_FORCE_ANNOTATION]: "true" };
    return ({ type, props, opts }) => {
        if (!type.startsWith("kubernetes:")) return undefined;
        return { props: { ...props, metadata: withAnnotations(props.metadata, annotations) }, opts };
    };
}

type Annotations = pulumi.Input<Record<string, pulumi.Input<string>>>;
type Metadata = { annotations?: Annotations } & Record<string, unknown>;

/**
 * `metadata` with more annotations. The fields stay as they were, known or not: an Output made of the whole metadata
 * would be unknown in a preview wherever any of its parts is, its name among them, and the provider plans a
 * replacement when an object's name may change.
 */
function withAnnotations(metadata: pulumi.Input<Metadata> | undefined, added: Record<string, string>): pulumi.Input<Metadata> {
    if (pulumi.Output.isInstance(metadata) || metadata instanceof Promise) {
        return pulumi.output(metadata).apply((m) => withAnnotations(m as Metadata, added) as Metadata);
    }
    const annotations = metadata?.annotations;
    return {
        ...metadata,
        annotations: pulumi.Output.isInstance(annotations)
            ? annotations.apply((a) => ({ ...a, ...added }))
            : { ...(annotations ?? {}), ...added },
    };
}
