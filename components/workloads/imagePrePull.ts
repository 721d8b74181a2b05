import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { DeploymentContext, namespacedMetadata } from "../context";
import { ResolvedImage } from "../settings";
import { imageFields, podSpec, resources } from "./podSpec";

/** A container name from an image reference: its last path segment, without tag, made DNS-safe. */
export function containerNameFor(image: ResolvedImage, index: number): string {
    const base = image.reference
        .split("/")
        .pop()!
        .split(":")[0]
        .replace(/[^a-z0-9-]/g, "-")
        .replace(/^-+|-+$/g, "");
    return `pull-${index}-${base}`.slice(0, 63).replace(/-+$/, "");
}

/**
 * DaemonSet `daemonset-image-prepull`: the seed's "download user's core images" step, done by Kubernetes on
 * every node (upstream ran `docker pull` on the host). Each image becomes an init container that exits at once,
 * so the kubelet pulls it; a pause container then keeps the pod, and the images, in place.
 */
export class ImagePrePull extends pulumi.ComponentResource {
    public readonly daemonSet: k8s.apps.v1.DaemonSet;

    constructor(name: string, context: DeploymentContext, images: ResolvedImage[], opts?: pulumi.ComponentResourceOptions) {
        super("abcdesktop:index:ImagePrePull", name, {}, opts);
        const selector = { run: "image-prepull" };
        const tiny = resources({ cpuRequest: "10m", memoryRequest: "16Mi", cpuLimit: "100m", memoryLimit: "64Mi" });
        this.daemonSet = new k8s.apps.v1.DaemonSet(
            `${name}-daemonset-image-prepull`,
            {
                metadata: {
                    ...namespacedMetadata(context, "daemonset-image-prepull"),
                    // Desktop images are gigabytes: pulling them must not hold `pulumi up` past its timeout.
                    annotations: { "pulumi.com/skipAwait": "true" },
                },
                spec: {
                    selector: { matchLabels: selector },
                    template: {
                        metadata: { labels: selector },
                        spec: podSpec(context, {
                            // abcdesktop images are Ubuntu based, so `sh` exists in each of them.
                            initContainers: images.map((image, i) => ({
                                name: containerNameFor(image, i),
                                ...imageFields(image),
                                command: ["sh", "-c", "true"],
                                resources: tiny,
                            })),
                            containers: [{ name: "pause", ...imageFields(context.settings.images.pause), resources: tiny }],
                        }),
                    },
                },
            },
            { parent: this },
        );
        this.registerOutputs({});
    }
}
