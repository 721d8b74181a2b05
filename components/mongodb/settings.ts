import * as pulumi from "@pulumi/pulumi";
import { ImageArgs } from "../shared/image";
import { MEMORY_EXAMPLES, quantityBytes } from "../shared/quantity";
import { ResourcesArgs } from "../shared/resources";
import { DNS_SUBDOMAIN } from "../shared/naming";
import { SettingsModule } from "../shared/settingsModule";
import { SettingsCheck } from "../shared/validation";
import { checkContainer, ContainerDefaults } from "../shared/workloadSettings";

/** MongoDB's data volume. */
export interface MongodbStorageArgs {
    /** Size of the data volume claimed by each MongoDB pod, a Kubernetes quantity. Defaults: `2Gi` in 1.0, `8Gi` in 4.4 (upstream's chart). */
    size?: string;
    /** StorageClass of the data volume. Absent means the cluster's default StorageClass. */
    className?: string;
}

/** MongoDB, where pyos keeps users' desktops, applications and login history. */
export interface MongodbArgs {
    /** Container image; what is left out comes from the release's default (README, "Configuration reference"). */
    image?: ImageArgs;
    /** Requests and limits of container `mongodb`; in 4.4 also of its init container `prepare-config` and sidecar `replica-manager`, as upstream. */
    resources?: ResourcesArgs;
    /** The data volume. */
    storage?: MongodbStorageArgs;
    /** 4.4 only: members of the replica set `rs0`, `1` or `3` (three keep MongoDB writable while one is down, and get a PodDisruptionBudget). Choose before the first deployment: the set is initiated once, and a later change neither adds nor removes members (README). Default `1`. */
    replicas?: number;
    /** Password of MongoDB's root user. Default: generated once per stack. Set it to re-attach to retained data (README). Stored as a Pulumi secret. */
    rootPassword?: pulumi.Input<string>;
    /** Password of MongoDB's `pyos` user. Default: generated once per stack. Set it to re-attach to retained data. Stored as a Pulumi secret. */
    pyosPassword?: pulumi.Input<string>;
}

export type MongodbSettings = ContainerDefaults & {
    storage: MongodbStorageArgs & { size: string };
} & Pick<MongodbArgs, "rootPassword" | "pyosPassword">;

/** What 4.4's MongoDB has besides 1.0's: the members of its replica set. */
export type MongodbSettings4_4 = MongodbSettings & { replicas: number };

/** The replica set sizes 4.4 offers: one member, or three (a majority survives one member down). */
export const MONGODB_REPLICAS = [1, 3] as const;

// Upstream 4.4's requests and limits.
const RESOURCES = { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } };

const DEFAULTS_1_0: MongodbSettings = {
    image: { repository: "abcdesktopio/oc.mongo", tag: "1.0" },
    // Upstream 1.x left MongoDB unbounded; these are upstream 4.4's.
    resources: RESOURCES,
    storage: { size: "2Gi" },
};

const DEFAULTS_4_4: MongodbSettings4_4 = {
    image: { repository: "abcdesktopio/mongo", tag: "safe8.0" },
    resources: RESOURCES,
    // Upstream's chart's size (its manifest keeps the data in an emptyDir): pyos stores small documents (users'
    // desktops, applications, login history), and 8Gi also leaves WiredTiger's journal and compaction room.
    storage: { size: "8Gi" },
    replicas: 1,
};

// oc.mongo's init script passes the passwords through a shell and JavaScript strings; 4.4's MONGO_USERS_LIST
// separates its fields with ':' and ';', which the alphabet leaves out too.
const PASSWORD = /^[A-Za-z0-9._~-]{16,}$/;

function check(check: SettingsCheck): void {
    checkContainer(check, "mongodb");
    check.onlyIn("mongodb.replicas", ["4.4"]);
    const replicas = check.value("mongodb.replicas");
    if (check.release === "4.4" && !(MONGODB_REPLICAS as readonly unknown[]).includes(replicas)) {
        check.problem(
            "mongodb.replicas",
            `${check.show("mongodb.replicas")} is not allowed; allowed: ${MONGODB_REPLICAS.join(", ")} (a replica set stays writable only while a majority of its members is up: with 2, one member down stops it)`,
        );
    }
    const size = check.value("mongodb.storage.size");
    const bytes = typeof size === "string" ? quantityBytes(size) : undefined;
    if (bytes === undefined || bytes <= 0)
        check.problem("mongodb.storage.size", `${check.show("mongodb.storage.size")} is not ${MEMORY_EXAMPLES}`);
    if (check.value("mongodb.storage.className") === "") {
        check.problem("mongodb.storage.className", "is empty; leave it out for the cluster's default StorageClass");
    } else {
        check.pattern("mongodb.storage.className", DNS_SUBDOMAIN, "a StorageClass name (DNS-1123 subdomain)");
    }
    // Both passwords matter only together: MongoDB creates its users on an empty volume, and retained data keeps both.
    const [root, pyos] = [check.isGiven("mongodb.rootPassword"), check.isGiven("mongodb.pyosPassword")];
    if (root !== pyos) {
        const [given, missing] = root ? ["rootPassword", "pyosPassword"] : ["pyosPassword", "rootPassword"];
        check.warn(
            `mongodb.${given}`,
            `is set but mongodb.${missing} is not: re-attaching to retained data needs both (README, Re-deploying onto retained data); the other is generated`,
        );
    }
    for (const key of ["rootPassword", "pyosPassword"] as const) {
        const path = `mongodb.${key}`;
        const password = check.value(path);
        if (typeof password === "string" && !PASSWORD.test(password)) {
            check.problem(
                path,
                "must be at least 16 characters of letters, digits, '.', '_', '~' or '-' (the value is secret and not shown)",
            );
        }
    }
}

export const mongodbSettings: SettingsModule<{ "1.0": MongodbSettings; "4.4": MongodbSettings4_4 }> = {
    defaults: { "1.0": DEFAULTS_1_0, "4.4": DEFAULTS_4_4 },
    check,
    secretPaths: ["mongodb.rootPassword", "mongodb.pyosPassword"],
};
