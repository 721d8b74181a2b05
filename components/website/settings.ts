import { ImageArgs } from "../shared/image";
import { ResourcesArgs } from "../shared/resources";
import { AutoscalingArgs, scaledContainerBlock, ScalingSettings } from "../shared/scaling";
import { ContainerDefaults } from "../shared/workloadSettings";

/** The 4.4 website: nginx serving the static web front end, behind the router. */
export interface WebsiteArgs {
    /** Container image; what is left out comes from the release's default (README, "Configuration reference"). */
    image?: ImageArgs;
    /** Requests and limits of container `nginx`. */
    resources?: ResourcesArgs;
    /** Replicas of Deployment `nginx-od` when autoscaling is off. With more than one, a PodDisruptionBudget keeps all but one running through node drains. Default `1`. */
    replicas?: number;
    /** A HorizontalPodAutoscaler for `nginx-od` instead of a fixed count. */
    autoscaling?: AutoscalingArgs;
}

export type WebsiteSettings = ContainerDefaults & ScalingSettings;

export const websiteSettings = scaledContainerBlock("website", {
    image: { repository: "abcdesktopio/oc.nginx", tag: "4.4" },
    resources: { requests: { cpu: "100m", memory: "8Mi" }, limits: { cpu: "500m", memory: "128Mi" } },
});
