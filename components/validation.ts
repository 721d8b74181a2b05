import * as pulumi from "@pulumi/pulumi";
import { AbcdesktopArgs, ImageArgs } from "./args";
import { DNS_LABEL, DNS_SUBDOMAIN } from "./naming";
import { DEFAULT_RESOURCES, resolveResources, SizedContainerName } from "./settings";

/** Raised before any resource is registered when the arguments are wrong; lists every problem at once. */
export class AbcdesktopArgsError extends Error {
    constructor(public readonly problems: string[]) {
        super(`invalid abcdesktop settings:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "AbcdesktopArgsError";
    }
}

export const ALLOWED_KEY_SIZES = [2048, 3072, 4096] as const;
export const ALLOWED_PULL_POLICIES = ["Always", "IfNotPresent", "Never"] as const;
export const ALLOWED_HOME_DIRECTORY_TYPES = ["volume", "persistentVolumeClaim"] as const;
export const ALLOWED_ACCESS_MODES = ["ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"] as const;
export const NODE_PORT_RANGE = { min: 30000, max: 32767 } as const;

const IMAGE_REPOSITORY = /^[a-z0-9]+([._-]{1,2}[a-z0-9]+|\/[a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-]{1,2}[a-z0-9]+)*)*$/;
const IMAGE_REGISTRY = /^[A-Za-z0-9.-]+(:[0-9]+)?(\/[a-z0-9]+([._-]{1,2}[a-z0-9]+)*)*\/?$/;
const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const QUANTITY = /^([0-9]+(?:\.[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;
const CPU_QUANTITY = /^([0-9]+(?:\.[0-9]+)?)(m)?$/;
const QUANTITY_FACTORS: Record<string, number> = {
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

/** Bytes in a Kubernetes storage quantity such as `3Gi`, or undefined when it is not one. */
export function quantityBytes(quantity: string): number | undefined {
    const match = QUANTITY.exec(quantity);
    return match ? Number(match[1]) * QUANTITY_FACTORS[match[2] ?? ""] : undefined;
}

/** Cores in a Kubernetes CPU quantity such as `250m` or `2`, or undefined when it is not one. */
export function cpuCores(quantity: string): number | undefined {
    const match = CPU_QUANTITY.exec(quantity);
    return match ? Number(match[1]) / (match[2] ? 1000 : 1) : undefined;
}

/** The shape of the arguments: every key a caller may set, so that a misspelt key is refused, not ignored. */
const IMAGE_SHAPE = { registry: true, repository: true, tag: true, pullPolicy: true } as const;
type Shape = { readonly [key: string]: true | Shape | readonly [Shape] };
const ARGS_SHAPE: Shape = {
    namespace: true,
    createNamespace: true,
    clusterDomain: true,
    publicHostname: true,
    nodePort: true,
    jwtKeySize: true,
    jwtKeyRotation: true,
    images: {
        registry: true,
        pullPolicy: true,
        nginx: IMAGE_SHAPE,
        pyos: IMAGE_SHAPE,
        mongodb: IMAGE_SHAPE,
        memcached: IMAGE_SHAPE,
        speedtest: IMAGE_SHAPE,
        openldap: IMAGE_SHAPE,
        user: IMAGE_SHAPE,
        printer: IMAGE_SHAPE,
        sound: IMAGE_SHAPE,
        pause: IMAGE_SHAPE,
        applications: [IMAGE_SHAPE],
    },
    registryCredentials: { server: true, username: true, password: true, dockerConfigJson: true },
    homeDirectory: { type: true, hostPath: true, capacity: true, request: true, accessMode: true },
    mongodb: { storageSize: true, storageClassName: true, rootPassword: true, pyosPassword: true },
    auth: { anonymous: true, ldap: { url: true, baseDn: true, bindDn: true, bindPassword: true } },
    openldapDemo: true,
    printing: true,
    sound: true,
    prePullImages: true,
    pyosMountDockerSocket: true,
    clusterWideRbac: true,
    networkPolicies: true,
    retainDataOnDestroy: true,
    resources: Object.fromEntries(
        Object.keys(DEFAULT_RESOURCES).map((name) => [name, { cpuRequest: true, memoryRequest: true, cpuLimit: true, memoryLimit: true }]),
    ),
    odConfigOverrides: true,
};

function unknownKeys(value: unknown, shape: Shape, path: string, problems: string[]): void {
    if (value === undefined || value === null || typeof value !== "object" || pulumi.Output.isInstance(value)) {
        return;
    }
    for (const [key, child] of Object.entries(value)) {
        const where = path ? `${path}.${key}` : key;
        const expected = shape[key];
        if (expected === undefined) {
            problems.push(`${where}: unknown setting; allowed here: ${Object.keys(shape).join(", ")}`);
        } else if (Array.isArray(expected)) {
            if (Array.isArray(child)) {
                child.forEach((item, i) => unknownKeys(item, expected[0], `${where}[${i}]`, problems));
            } else if (child !== undefined) {
                problems.push(`${where}: must be a list, got ${JSON.stringify(child)}`);
            }
        } else if (expected !== true) {
            unknownKeys(child, expected as Shape, where, problems);
        }
    }
}

function show(value: unknown): string {
    return JSON.stringify(value);
}

function oneOf(problems: string[], setting: string, value: unknown, allowed: readonly unknown[]): void {
    if (value !== undefined && !allowed.includes(value)) {
        problems.push(`${setting}: ${show(value)} is not allowed; allowed: ${allowed.map(show).join(", ")}`);
    }
}

function matches(problems: string[], setting: string, value: unknown, pattern: RegExp, what: string, maxLength = 253): void {
    if (value === undefined) {
        return;
    }
    if (typeof value !== "string" || value.length > maxLength || !pattern.test(value)) {
        problems.push(`${setting}: ${show(value)} is not ${what}`);
    }
}

function checkBoolean(problems: string[], setting: string, value: unknown): void {
    if (value !== undefined && typeof value !== "boolean") {
        problems.push(`${setting}: ${show(value)} is not allowed; allowed: true, false`);
    }
}

function checkQuantity(problems: string[], setting: string, value: unknown): number | undefined {
    if (value === undefined) {
        return undefined;
    }
    const bytes = typeof value === "string" ? quantityBytes(value) : undefined;
    if (bytes === undefined || bytes <= 0) {
        problems.push(`${setting}: ${show(value)} is not a positive Kubernetes quantity such as 512Mi, 10Gi or 1Ti`);
    }
    return bytes;
}

function checkImage(problems: string[], setting: string, image: ImageArgs | undefined, requireFull: boolean): void {
    if (image === undefined) {
        return;
    }
    matches(
        problems,
        `${setting}.registry`,
        image.registry,
        IMAGE_REGISTRY,
        "a registry host such as registry.example.com or registry.example.com:5000/mirror",
    );
    matches(
        problems,
        `${setting}.repository`,
        image.repository,
        IMAGE_REPOSITORY,
        "an image repository such as abcdesktopio/oc.nginx (lower case, no tag)",
    );
    matches(problems, `${setting}.tag`, image.tag, IMAGE_TAG, "an image tag (letters, digits, '_', '.', '-'; at most 128 characters)");
    oneOf(problems, `${setting}.pullPolicy`, image.pullPolicy, ALLOWED_PULL_POLICIES);
    if (requireFull) {
        if (image.repository === undefined) problems.push(`${setting}.repository: required for an application image`);
        if (image.tag === undefined) problems.push(`${setting}.tag: required for an application image (no implicit latest)`);
    }
}

function checkDockerConfigJson(problems: string[], value: string): void {
    try {
        const parsed: unknown = JSON.parse(value);
        const auths = (parsed as { auths?: unknown } | null)?.auths;
        if (typeof auths !== "object" || auths === null || Object.keys(auths).length === 0) {
            problems.push('registryCredentials.dockerConfigJson: must hold a non-empty "auths" object, like ~/.docker/config.json');
        }
    } catch {
        problems.push("registryCredentials.dockerConfigJson: is not valid JSON (the value is secret and not shown)");
    }
}

function checkResources(problems: string[], args: AbcdesktopArgs): void {
    for (const name of Object.keys(DEFAULT_RESOURCES) as SizedContainerName[]) {
        const given = args.resources?.[name];
        if (!given) continue;
        const effective = resolveResources(name, given);
        const setting = (field: string) => `resources.${name}.${field}`;
        const cpu = (field: "cpuRequest" | "cpuLimit") => {
            const value: unknown = effective[field];
            const cores = typeof value === "string" ? cpuCores(value) : undefined;
            if (cores === undefined || cores <= 0)
                problems.push(`${setting(field)}: ${show(value)} is not a positive CPU quantity such as 250m or 2`);
            return cores;
        };
        const memory = (field: "memoryRequest" | "memoryLimit") => checkQuantity(problems, setting(field), effective[field]);
        const [cpuRequest, cpuLimit, memoryRequest, memoryLimit] = [
            cpu("cpuRequest"),
            cpu("cpuLimit"),
            memory("memoryRequest"),
            memory("memoryLimit"),
        ];
        if (cpuRequest !== undefined && cpuLimit !== undefined && cpuRequest > cpuLimit) {
            problems.push(
                `${setting("cpuRequest")}: ${show(effective.cpuRequest)} is above the limit ${show(effective.cpuLimit)}; a request may not exceed its limit`,
            );
        }
        if (memoryRequest !== undefined && memoryLimit !== undefined && memoryRequest > memoryLimit) {
            problems.push(
                `${setting("memoryRequest")}: ${show(effective.memoryRequest)} is above the limit ${show(effective.memoryLimit)}; a request may not exceed its limit`,
            );
        }
    }
}

/** Every problem with the arguments, each naming the setting, the value given and what is allowed. */
export function validateArgs(args: AbcdesktopArgs): string[] {
    const problems: string[] = [];
    unknownKeys(args, ARGS_SHAPE, "", problems);

    matches(
        problems,
        "namespace",
        args.namespace,
        DNS_LABEL,
        "a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)",
        63,
    );
    matches(problems, "clusterDomain", args.clusterDomain, DNS_SUBDOMAIN, "a DNS domain such as cluster.local");
    matches(
        problems,
        "publicHostname",
        args.publicHostname,
        /^([A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)(\.[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)*$|^\[[0-9a-fA-F:]+\]$/,
        "a host name or IP address (no scheme, no port)",
    );
    checkBoolean(problems, "createNamespace", args.createNamespace);

    if (
        args.nodePort !== undefined &&
        (!Number.isInteger(args.nodePort) || args.nodePort < NODE_PORT_RANGE.min || args.nodePort > NODE_PORT_RANGE.max)
    ) {
        problems.push(
            `nodePort: ${show(args.nodePort)} is outside the NodePort range; allowed: an integer from ${NODE_PORT_RANGE.min} to ${NODE_PORT_RANGE.max}`,
        );
    }
    if (args.jwtKeySize !== undefined && !(ALLOWED_KEY_SIZES as readonly unknown[]).includes(args.jwtKeySize)) {
        const why = typeof args.jwtKeySize === "number" && args.jwtKeySize < 2048 ? " (keys below 2048 bits are refused)" : "";
        problems.push(`jwtKeySize: ${show(args.jwtKeySize)} is not allowed${why}; allowed: ${ALLOWED_KEY_SIZES.join(", ")}`);
    }

    const images = args.images;
    if (images) {
        matches(
            problems,
            "images.registry",
            images.registry === "" ? undefined : images.registry,
            IMAGE_REGISTRY,
            "a registry host such as registry.example.com or registry.example.com:5000/mirror",
        );
        oneOf(problems, "images.pullPolicy", images.pullPolicy, ALLOWED_PULL_POLICIES);
        for (const name of [
            "nginx",
            "pyos",
            "mongodb",
            "memcached",
            "speedtest",
            "openldap",
            "user",
            "printer",
            "sound",
            "pause",
        ] as const) {
            checkImage(problems, `images.${name}`, images[name], false);
        }
        images.applications?.forEach((image, i) => checkImage(problems, `images.applications[${i}]`, image, true));
    }

    const registry = args.registryCredentials;
    if (registry) {
        const parts = { server: registry.server, username: registry.username, password: registry.password };
        const given = Object.entries(parts)
            .filter(([, v]) => v !== undefined && v !== "")
            .map(([k]) => k);
        if (registry.dockerConfigJson !== undefined) {
            if (given.length > 0) {
                problems.push(
                    `registryCredentials: give either dockerConfigJson or server/username/password, not both (got dockerConfigJson and ${given.join(", ")})`,
                );
            }
            if (typeof registry.dockerConfigJson === "string") {
                checkDockerConfigJson(problems, registry.dockerConfigJson);
            }
        } else if (given.length !== 3) {
            const missing = Object.keys(parts).filter((k) => !given.includes(k));
            problems.push(
                `registryCredentials: ${missing.join(", ")} missing; server, username and password are all required (or a complete dockerConfigJson)`,
            );
        }
        matches(
            problems,
            "registryCredentials.server",
            registry.server || undefined,
            /^(https?:\/\/)?[A-Za-z0-9.-]+(:[0-9]+)?(\/[^\s]*)?$/,
            "a registry host such as registry.example.com",
        );
    }

    const home = args.homeDirectory;
    if (home) {
        oneOf(problems, "homeDirectory.type", home.type, ALLOWED_HOME_DIRECTORY_TYPES);
        oneOf(problems, "homeDirectory.accessMode", home.accessMode, ALLOWED_ACCESS_MODES);
        if (
            home.hostPath !== undefined &&
            (typeof home.hostPath !== "string" || !home.hostPath.startsWith("/") || home.hostPath.split("/").includes(".."))
        ) {
            problems.push(`homeDirectory.hostPath: ${show(home.hostPath)} is not an absolute path without '..'`);
        }
        const capacity = checkQuantity(problems, "homeDirectory.capacity", home.capacity);
        const request = checkQuantity(problems, "homeDirectory.request", home.request);
        const effectiveCapacity = capacity ?? quantityBytes("10Gi");
        if (request !== undefined && effectiveCapacity !== undefined && request > effectiveCapacity) {
            problems.push(
                `homeDirectory.request: ${show(home.request)} is larger than the volume's capacity ${show(home.capacity ?? "10Gi")}; the claim could never bind`,
            );
        }
    }

    if (args.mongodb) {
        checkQuantity(problems, "mongodb.storageSize", args.mongodb.storageSize);
        matches(
            problems,
            "mongodb.storageClassName",
            args.mongodb.storageClassName || undefined,
            DNS_SUBDOMAIN,
            "a StorageClass name (DNS-1123 subdomain)",
        );
        for (const key of ["rootPassword", "pyosPassword"] as const) {
            const password = args.mongodb[key];
            // oc.mongo's init script passes the passwords through a shell and JavaScript strings.
            if (typeof password === "string" && !/^[A-Za-z0-9._~-]{16,}$/.test(password)) {
                problems.push(
                    `mongodb.${key}: must be at least 16 characters of letters, digits, '.', '_', '~' or '-' (the value is secret and not shown)`,
                );
            }
        }
    }

    const auth = args.auth;
    if (auth) {
        checkBoolean(problems, "auth.anonymous", auth.anonymous);
        const ldap = auth.ldap;
        if (ldap) {
            matches(
                problems,
                "auth.ldap.url",
                ldap.url ?? "",
                /^ldaps?:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?\/?$/,
                "an LDAP URL such as ldap://ldap.example.com:389 or ldaps://ldap.example.com:636",
            );
            for (const key of ["baseDn", "bindDn"] as const) {
                matches(
                    problems,
                    `auth.ldap.${key}`,
                    ldap[key] ?? "",
                    /^[^=,\s][^=,]*=[^,]+(,\s*[^=,\s][^=,]*=[^,]+)*$/,
                    "a distinguished name such as dc=example,dc=com",
                );
            }
            if (ldap.bindPassword === undefined || ldap.bindPassword === "") {
                problems.push("auth.ldap.bindPassword: required when auth.ldap is set");
            }
        }
        if (auth.anonymous === false && !auth.ldap && !args.openldapDemo) {
            problems.push("auth.anonymous: false leaves no way to log in; set auth.ldap or openldapDemo: true");
        }
    }
    for (const key of [
        "openldapDemo",
        "printing",
        "sound",
        "prePullImages",
        "pyosMountDockerSocket",
        "clusterWideRbac",
        "networkPolicies",
        "retainDataOnDestroy",
    ] as const) {
        checkBoolean(problems, key, args[key]);
    }
    if (args.jwtKeyRotation !== undefined && (!Number.isInteger(args.jwtKeyRotation) || args.jwtKeyRotation < 0)) {
        problems.push(
            `jwtKeyRotation: ${show(args.jwtKeyRotation)} is not allowed; allowed: a whole number from 0, increased by one to replace the keys`,
        );
    }
    checkResources(problems, args);

    for (const [key, value] of Object.entries(args.odConfigOverrides ?? {})) {
        if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(key)) {
            problems.push(`odConfigOverrides: key ${show(key)} is not an od.config key (letters, digits, '_' and '.')`);
        }
        if (typeof value !== "string" || value.trim() === "" || /[\r\n]/.test(value)) {
            problems.push(`odConfigOverrides.${key}: ${show(value)} must be one line of Python literal text, e.g. "'volume'" or "True"`);
        }
    }
    return problems;
}

/** Throws {@link AbcdesktopArgsError} listing every problem, or returns when the arguments are valid. */
export function assertValidArgs(args: AbcdesktopArgs): void {
    const problems = validateArgs(args);
    if (problems.length > 0) {
        throw new AbcdesktopArgsError(problems);
    }
}

// NodePorts taken by instances of this program, per engine connection and per cluster (provider).
const claimedNodePorts = new WeakMap<object, WeakMap<object, Map<number, string>>>();
const DEFAULT_PROVIDER = {};
const NO_ENGINE = {};

/**
 * Refuses a second instance that asks the same cluster for a NodePort another instance of this program already
 * uses: Kubernetes would reject the second Service only half-way through `pulumi up`.
 */
export function claimNodePort(nodePort: number, instance: string, opts: pulumi.ComponentResourceOptions | undefined): void {
    const engine = (pulumi.runtime.getMonitor() as object | undefined) ?? NO_ENGINE;
    const cluster = (opts?.provider ?? opts?.providers ?? DEFAULT_PROVIDER) as object;
    const byCluster = claimedNodePorts.get(engine) ?? new WeakMap<object, Map<number, string>>();
    claimedNodePorts.set(engine, byCluster);
    const ports = byCluster.get(cluster) ?? new Map<number, string>();
    byCluster.set(cluster, ports);
    const holder = ports.get(nodePort);
    if (holder !== undefined) {
        throw new AbcdesktopArgsError([
            `nodePort: ${nodePort} is already used by instance ${JSON.stringify(holder)} on the same cluster; give ${JSON.stringify(instance)} another port from ${NODE_PORT_RANGE.min} to ${NODE_PORT_RANGE.max}`,
        ]);
    }
    ports.set(nodePort, instance);
}
