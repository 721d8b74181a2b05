import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ComponentScope } from "./context";
import { SettingsModule } from "./settingsModule";
import { SettingsCheck } from "./validation";
import { checkContainer, ContainerDefaults } from "./workloadSettings";

/** A HorizontalPodAutoscaler on CPU use, upstream's chart's experimental `autoscaling` values. */
export interface AutoscalingArgs {
    /** Create a HorizontalPodAutoscaler (autoscaling/v2) for the Deployment; it then owns the replica count. Needs the cluster's metrics API (metrics-server). Default `false`. */
    enabled?: boolean;
    /** Fewest replicas the autoscaler keeps. Default `1`. */
    minReplicas?: number;
    /** Most replicas the autoscaler starts. Default `10`. */
    maxReplicas?: number;
    /** Average CPU use, in percent of the containers' requests, the autoscaler aims at. Default `80`. */
    targetCpuUtilization?: number;
}

/** The replicas of a stateless Deployment, fixed or autoscaled. */
export interface ScalingArgs {
    /** Replicas of the Deployment when autoscaling is off. With more than one, a PodDisruptionBudget keeps one running through node drains. Default `1`. */
    replicas?: number;
    /** Autoscaling instead of a fixed count. */
    autoscaling?: AutoscalingArgs;
}

/** Scaling with every default applied. */
export interface ScalingSettings {
    replicas: number;
    autoscaling: Required<AutoscalingArgs>;
}

/** Upstream's replica count, autoscaling off with the chart's bounds (a hundred replicas is no default for a cluster). */
export const SCALING_DEFAULTS: ScalingSettings = {
    replicas: 1,
    autoscaling: { enabled: false, minReplicas: 1, maxReplicas: 10, targetCpuUtilization: 80 },
};

/** Checks the `replicas` and `autoscaling` of the block at `block`. */
export function checkScaling(check: SettingsCheck, block: string): void {
    check.integerIn(`${block}.replicas`, 1, 100);
    check.integerIn(`${block}.autoscaling.minReplicas`, 1, 100);
    check.integerIn(`${block}.autoscaling.maxReplicas`, 1, 100);
    check.integerIn(`${block}.autoscaling.targetCpuUtilization`, 1, 100, "an integer from 1 to 100 (percent of the CPU request)");
    const min = check.value(`${block}.autoscaling.minReplicas`);
    const max = check.value(`${block}.autoscaling.maxReplicas`);
    if (typeof min === "number" && typeof max === "number" && min > max) {
        check.problem(`${block}.autoscaling.minReplicas`, `${min} is more than ${block}.autoscaling.maxReplicas (${max})`);
    }
    if (check.value(`${block}.autoscaling.enabled`) === true) {
        if (check.isGiven(`${block}.replicas`)) {
            check.warn(`${block}.replicas`, `has no effect while ${block}.autoscaling.enabled is true: the autoscaler sets the replicas`);
        }
    } else {
        for (const field of ["minReplicas", "maxReplicas", "targetCpuUtilization"]) {
            check.noEffect(`${block}.autoscaling.${field}`, `${block}.autoscaling.enabled is true`);
        }
    }
}

/** The `replicas` of the Deployment: absent under an autoscaler, which would otherwise fight Pulumi over it. */
export function deploymentReplicas(scaling: ScalingSettings): { replicas?: number } {
    return scaling.autoscaling.enabled ? {} : { replicas: scaling.replicas };
}

/** The most pods the Deployment runs: with more than one, a disruption budget keeps all but one up through drains. */
export function mostReplicas(scaling: ScalingSettings): number {
    return scaling.autoscaling.enabled ? scaling.autoscaling.maxReplicas : scaling.replicas;
}

/** What the scaling objects of one Deployment need to know about it. */
export interface ScaledDeployment {
    /** Kubernetes name of the Deployment, e.g. `router-od`; the autoscaler and budget get the same name. */
    deploymentName: string;
    /** Labels that select its pods. */
    selector: Record<string, string>;
    deployment: k8s.apps.v1.Deployment;
}

/**
 * The HorizontalPodAutoscaler when autoscaling is on, and a PodDisruptionBudget when the Deployment can run two
 * pods or more. `maxUnavailable: 1` lets a drain evict one pod at a time and never blocks it, whatever the count.
 */
export function scalingObjects(
    scope: ComponentScope,
    target: ScaledDeployment,
    scaling: ScalingSettings,
    opts: pulumi.CustomResourceOptions,
): { autoscaler?: k8s.autoscaling.v2.HorizontalPodAutoscaler; disruptionBudget?: k8s.policy.v1.PodDisruptionBudget } {
    const name = `${scope.context.instance}-${target.deploymentName}`;
    const autoscaler = scaling.autoscaling.enabled
        ? new k8s.autoscaling.v2.HorizontalPodAutoscaler(
              name,
              {
                  metadata: scope.metadata(target.deploymentName),
                  spec: {
                      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: target.deployment.metadata.name },
                      minReplicas: scaling.autoscaling.minReplicas,
                      maxReplicas: scaling.autoscaling.maxReplicas,
                      metrics: [
                          {
                              type: "Resource",
                              resource: {
                                  name: "cpu",
                                  target: { type: "Utilization", averageUtilization: scaling.autoscaling.targetCpuUtilization },
                              },
                          },
                      ],
                  },
              },
              opts,
          )
        : undefined;
    const disruptionBudget =
        mostReplicas(scaling) > 1
            ? new k8s.policy.v1.PodDisruptionBudget(
                  name,
                  {
                      metadata: scope.metadata(target.deploymentName),
                      spec: { maxUnavailable: 1, selector: { matchLabels: target.selector } },
                  },
                  opts,
              )
            : undefined;
    return { autoscaler, disruptionBudget };
}

/** The settings block of a 4.4 Deployment of one container that scales (router, website): image, resources, scaling. */
export function scaledContainerBlock(
    block: string,
    container: ContainerDefaults,
): SettingsModule<{ "4.4": ContainerDefaults & ScalingSettings }> {
    return {
        defaults: { "4.4": { ...container, ...SCALING_DEFAULTS } },
        check(check) {
            checkContainer(check, block);
            checkScaling(check, block);
        },
    };
}
