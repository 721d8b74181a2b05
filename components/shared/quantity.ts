// Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource): a decimal number and a suffix. The forms
// this package accepts are the ones people write for memory, storage and CPU; an exponent form such as `1e3` is not.

const MEMORY = /^([0-9]+(?:\.[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;
const CPU = /^([0-9]+(?:\.[0-9]+)?)(m)?$/;
const FACTORS: Record<string, number> = {
    "": 1,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    P: 1e15,
    E: 1e18,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    Pi: 2 ** 50,
    Ei: 2 ** 60,
};

/** Bytes in a memory or storage quantity such as `3Gi` or `512M`, or undefined when it is not one. */
export function quantityBytes(quantity: string): number | undefined {
    const match = MEMORY.exec(quantity);
    return match ? Number(match[1]) * FACTORS[match[2] ?? ""] : undefined;
}

/** Cores in a CPU quantity such as `250m` or `2`, or undefined when it is not one. */
export function cpuCores(quantity: string): number | undefined {
    const match = CPU.exec(quantity);
    return match ? Number(match[1]) / (match[2] ? 1000 : 1) : undefined;
}

/** What a memory quantity looks like, for messages. */
export const MEMORY_EXAMPLES = "a positive Kubernetes quantity such as 512Mi, 10Gi or 1Ti";
/** What a CPU quantity looks like, for messages. */
export const CPU_EXAMPLES = "a positive CPU quantity such as 250m or 2";
