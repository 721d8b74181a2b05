import * as pulumi from "@pulumi/pulumi";

/** Anything with Kubernetes metadata: a Service, a Secret, a ClusterRole... */
export interface NamedObject {
    metadata: pulumi.Output<{ name?: string }>;
}

/** The objects a release creates that the component's outputs name, by role; an absent optional object is undefined. */
export interface PlatformObjects {
    services: Record<string, NamedObject | undefined>;
    secrets: Record<string, NamedObject | undefined>;
    configMaps: Record<string, NamedObject | undefined>;
    clusterObjects: Record<string, NamedObject | undefined>;
}

/** The names of the objects present, by role: what the outputs carry (never a value). */
export function objectNames(objects: Record<string, NamedObject | undefined>): pulumi.Output<Record<string, string>> {
    return pulumi.all(
        Object.fromEntries(
            Object.entries(objects)
                .filter((entry): entry is [string, NamedObject] => entry[1] !== undefined)
                .map(([role, object]) => [role, object.metadata.apply((m) => m.name ?? "")]),
        ),
    );
}
