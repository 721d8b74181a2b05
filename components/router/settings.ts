import { ImageArgs } from "../shared/image";
import { ResourcesArgs } from "../shared/resources";
import { AutoscalingArgs, scaledContainerBlock, ScalingSettings } from "../shared/scaling";
import { ContainerDefaults } from "../shared/workloadSettings";

/** The 4.4 router: OpenResty checking each desktop JWT and routing the browser to the user's pod, pyos, the website and the console. */
export interface RouterArgs {
    /** Container image; what is left out comes from the release's default (README, "Configuration reference"). */
    image?: ImageArgs;
    /** Requests and limits of container `nginx-router`. */
    resources?: ResourcesArgs;
    /** Replicas of Deployment `router-od` when autoscaling is off. With more than one, a PodDisruptionBudget keeps all but one running through node drains. Default `1`. */
    replicas?: number;
    /** A HorizontalPodAutoscaler for `router-od` instead of a fixed count. */
    autoscaling?: AutoscalingArgs;
}

export type RouterSettings = ContainerDefaults & ScalingSettings;

export const routerSettings = scaledContainerBlock("router", {
    image: { repository: "abcdesktopio/route", tag: "4.4" },
    resources: { requests: { cpu: "100m", memory: "16Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
});
