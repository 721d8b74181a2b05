import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ComponentScope, DeploymentContext } from "../shared/context";
import { ImageArgs, parseImageReference, ResolvedImage } from "../shared/image";
import { imageFields, podSpec } from "../shared/podSpec";
import { resourceRequirements } from "../shared/resources";
import { ImagePrePullSettings } from "./settings";
import { workloadOptions } from "../shared/podReferences";

/** A container name from an image reference: its last path segment, without tag or digest, made DNS-safe. */
export function containerNameFor(image: ResolvedImage, index: number): string {
    const base = image.reference
        .split("@")[0]
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

    /** `desktopImages`: the images pyos starts for each login (desktop, and printer and sound when on). */
    constructor(
        context: DeploymentContext,
        settings: ImagePrePullSettings,
        desktopImages: ImageArgs[],
        opts?: pulumi.ComponentResourceOptions,
    ) {
        const name = context.instance;
        super("abcdesktop:index:ImagePrePull", name, {}, opts);
        const scope = new ComponentScope(context, "image-prepull");
        const images = [...desktopImages, ...settings.applications.map(parseImageReference)].map((image) => scope.image(image));
        const selector = { run: "image-prepull" };
        const tiny = resourceRequirements({ requests: { cpu: "10m", memory: "16Mi" }, limits: { cpu: "100m", memory: "64Mi" } });
        this.daemonSet = new k8s.apps.v1.DaemonSet(
            `${name}-daemonset-image-prepull`,
            {
                metadata: {
                    ...scope.metadata("daemonset-image-prepull"),
                    // Desktop images are gigabytes: pulling them must not hold `pulumi up` past its timeout.
                    annotations: { "pulumi.com/skipAwait": "true" },
                },
                spec: {
                    selector: { matchLabels: selector },
                    template: {
                        metadata: { labels: scope.podLabels(selector) },
                        spec: podSpec(context, {
                            // abcdesktop images are Ubuntu based, so `sh` exists in each of them.
                            initContainers: images.map((image, i) => ({
                                name: containerNameFor(image, i),
                                ...imageFields(image),
                                command: ["sh", "-c", "true"],
                                resources: tiny,
                            })),
                            containers: [{ name: "pause", ...imageFields(scope.image(settings.pauseImage)), resources: tiny }],
                        }),
                    },
                },
            },
            workloadOptions(context, this, []),
        );
        this.registerOutputs({});
    }
}
