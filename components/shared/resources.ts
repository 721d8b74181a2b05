import * as k8s from "@pulumi/kubernetes";
import { cpuCores, CPU_EXAMPLES, MEMORY_EXAMPLES, quantityBytes } from "./quantity";
import { SettingsCheck } from "./validation";

/** CPU and memory, as Kubernetes quantities. */
export interface ResourceQuantitiesArgs {
    /** CPU, e.g. `250m` or `2`. */
    cpu?: string;
    /** Memory, e.g. `64Mi` or `1Gi`. */
    memory?: string;
}

/** Requests and limits of one container, in Kubernetes' own form; what is left out keeps the release's default. */
export interface ResourcesArgs {
    /** What the scheduler reserves for the container. */
    requests?: ResourceQuantitiesArgs;
    /** What the container may use at most. A request may not exceed its limit. */
    limits?: ResourceQuantitiesArgs;
}

/** Requests and limits with every quantity set, as the defaults state them. */
export interface ResolvedResources {
    requests: Required<ResourceQuantitiesArgs>;
    limits: Required<ResourceQuantitiesArgs>;
}

/** The container field. */
export function resourceRequirements(resources: ResolvedResources): k8s.types.input.core.v1.ResourceRequirements {
    return {
        requests: { cpu: resources.requests.cpu, memory: resources.requests.memory },
        limits: { cpu: resources.limits.cpu, memory: resources.limits.memory },
    };
}

/** Every quantity of the resources at `path` is one, and no request exceeds its limit. */
export function checkResources(check: SettingsCheck, path: string): void {
    const amount = (kind: "requests" | "limits", resource: "cpu" | "memory"): number | undefined => {
        const where = `${path}.${kind}.${resource}`;
        const value = check.value(where);
        if (value === undefined) return undefined;
        const parsed = typeof value === "string" ? (resource === "cpu" ? cpuCores(value) : quantityBytes(value)) : undefined;
        if (parsed === undefined || parsed <= 0) {
            check.problem(where, `${check.show(where)} is not ${resource === "cpu" ? CPU_EXAMPLES : MEMORY_EXAMPLES}`);
            return undefined;
        }
        return parsed;
    };
    for (const resource of ["cpu", "memory"] as const) {
        const request = amount("requests", resource);
        const limit = amount("limits", resource);
        if (request !== undefined && limit !== undefined && request > limit) {
            const where = `${path}.requests.${resource}`;
            check.problem(
                where,
                `${check.show(where)} is above the limit ${check.show(`${path}.limits.${resource}`)}; a request may not exceed its limit`,
            );
        }
    }
}
