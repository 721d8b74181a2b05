// Upgrades without surprises: one setting changes only what depends on it, pods roll exactly when what they
// read changes, and JWT keys change only on request.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { AbcdesktopArgs } from "../components/args";
import { KubernetesManifest, kubernetesManifests } from "../components/render/manifests";
import { RegisteredResource } from "../components/testing/mocks";
import { deepMerge } from "../components/shared/deepMerge";
import { components, evaluateInTestStack } from "./support/platform";

interface Snapshot {
    objects: Map<string, string>;
    keys: RegisteredResource[];
}

/** The platform's objects (secrets shown) by `Kind/name`, and its key resources. Keys persist across calls as in a stack. */
async function snapshot(args: AbcdesktopArgs): Promise<Snapshot> {
    const evaluation = await evaluateInTestStack(() => {
        const { Abcdesktop } = components();
        new Abcdesktop("abcdesktop", args);
        return {};
    });
    const identity = (m: KubernetesManifest) => `${m.kind}/${m.metadata.name}`;
    return {
        objects: new Map(kubernetesManifests(evaluation.resources, true).map((m) => [identity(m), JSON.stringify(m)])),
        keys: evaluation.resources.filter((r) => r.type === "tls:index/privateKey:PrivateKey"),
    };
}

/** Which objects a change adds, removes and changes. */
function difference(before: Snapshot, after: Snapshot): string[] {
    const names = new Set([...before.objects.keys(), ...after.objects.keys()]);
    return [...names]
        .filter((name) => before.objects.get(name) !== after.objects.get(name))
        .map((name) => (!before.objects.has(name) ? `+${name}` : !after.objects.has(name) ? `-${name}` : name))
        .sort();
}

/** The parts of a pod spec that read Secrets and ConfigMaps. */
interface PodReads {
    volumes?: { secret?: { secretName: string }; configMap?: { name: string } }[];
    containers: { env?: { valueFrom?: { secretKeyRef?: { name: string }; configMapKeyRef?: { name: string } } }[] }[];
    initContainers?: PodReads["containers"];
}

/** Every Secret and ConfigMap a pod reads through a volume or an environment variable (pull secrets aside). */
function objectsRead(spec: PodReads): string[] {
    const fromVolumes = (spec.volumes ?? []).flatMap((v) => [
        ...(v.secret ? [`Secret/${v.secret.secretName}`] : []),
        ...(v.configMap ? [`ConfigMap/${v.configMap.name}`] : []),
    ]);
    const fromEnv = [...spec.containers, ...(spec.initContainers ?? [])].flatMap((c) =>
        (c.env ?? []).flatMap((e) => [
            ...(e.valueFrom?.secretKeyRef ? [`Secret/${e.valueFrom.secretKeyRef.name}`] : []),
            ...(e.valueFrom?.configMapKeyRef ? [`ConfigMap/${e.valueFrom.configMapKeyRef.name}`] : []),
        ]),
    );
    return [...new Set([...fromVolumes, ...fromEnv])];
}

const BASE: AbcdesktopArgs = {};

const SINGLE_SETTING_CHANGES: [string, AbcdesktopArgs, string[]][] = [
    ["nodePort", { exposure: { nodePort: 30500 } }, ["Service/nginx"]],
    ["printing", { desktop: { printer: { enabled: true } } }, ["ConfigMap/abcdesktop-config", "DaemonSet/daemonset-pyos"]],
    ["sound", { desktop: { sound: { enabled: true } } }, ["ConfigMap/abcdesktop-config", "DaemonSet/daemonset-pyos"]],
    ["user image tag", { desktop: { image: { tag: "1.1" } } }, ["ConfigMap/abcdesktop-config", "DaemonSet/daemonset-pyos"]],
    ["pyos image tag", { pyos: { image: { tag: "1.2" } } }, ["DaemonSet/daemonset-pyos"]],
    ["nginx image tag", { nginx: { image: { tag: "1.1" } } }, ["DaemonSet/daemonset-nginx"]],
    ["home directory capacity", { desktop: { homeDirectory: { capacity: "20Gi" } } }, ["PersistentVolume/pv-volume-home-directory"]],
    [
        "home directory claim size",
        { desktop: { homeDirectory: { request: "5Gi" } } },
        ["PersistentVolumeClaim/persistentvolumeclaim-home-directory"],
    ],
    [
        "home directory type",
        { desktop: { homeDirectory: { type: "persistentVolumeClaim" } } },
        ["ConfigMap/abcdesktop-config", "DaemonSet/daemonset-pyos"],
    ],
    ["MongoDB volume size", { mongodb: { storage: { size: "5Gi" } } }, ["StatefulSet/mongodb-od"]],
    ["memcached memory limit", { memcached: { resources: { limits: { memory: "128Mi" } } } }, ["Deployment/memcached-od"]],
    [
        "JWT key size",
        { jwtKeys: { size: 3072 } },
        [
            "DaemonSet/daemonset-nginx",
            "DaemonSet/daemonset-pyos",
            "Secret/abcdesktopjwtdesktoppayload",
            "Secret/abcdesktopjwtdesktopsigning",
            "Secret/abcdesktopjwtusersigning",
        ],
    ],
    [
        "JWT key rotation",
        { jwtKeys: { rotation: 1 } },
        [
            "DaemonSet/daemonset-nginx",
            "DaemonSet/daemonset-pyos",
            "Secret/abcdesktopjwtdesktoppayload",
            "Secret/abcdesktopjwtdesktopsigning",
            "Secret/abcdesktopjwtusersigning",
        ],
    ],
    [
        "network policies off",
        { networkPolicies: false },
        [
            "-NetworkPolicy/memcached-od-permits",
            "-NetworkPolicy/mongodb-od-permits",
            "-NetworkPolicy/nginx-od-permits",
            "-NetworkPolicy/pyos-od-permits",
            "-NetworkPolicy/speedtest-od-permits",
        ],
    ],
    ["cluster-wide RBAC", { pyos: { clusterWideRbac: true } }, ["-Role/pyos-role", "-RoleBinding/pyos-rbac", "ClusterRole/pyos-role"]],
    [
        "od.config override",
        { pyos: { odConfigOverrides: { "desktop.homedirectorytype": "'volume'" } } },
        ["ConfigMap/abcdesktop-config", "DaemonSet/daemonset-pyos"],
    ],
    [
        "demo directory",
        { openldap: { enabled: true } },
        [
            "+Deployment/openldap-od",
            "+NetworkPolicy/openldap-od-permits",
            "+Secret/abcdesktop-ldap-bind",
            "+Service/openldap",
            "ConfigMap/abcdesktop-config",
            "DaemonSet/daemonset-pyos",
        ],
    ],
];

describe("upgrades", () => {
    let base: Snapshot;
    before(async () => {
        base = await snapshot(BASE);
    });

    it("renders the same objects twice from the same settings", async () => {
        assert.deepEqual(difference(base, await snapshot(BASE)), []);
    });

    for (const [setting, change, expected] of SINGLE_SETTING_CHANGES) {
        it(`changing ${setting} changes exactly ${expected.join(", ")}`, async () => {
            assert.deepEqual(difference(base, await snapshot({ ...BASE, ...change })), [...expected].sort());
        });
    }

    it("rolls the pods that read a changed LDAP bind password, and only those", async () => {
        const directory = (bindPassword: string): AbcdesktopArgs => ({
            auth: {
                ldap: { url: "ldap://ldap.example.com", baseDn: "dc=example,dc=com", bindDn: "cn=pyos,dc=example,dc=com", bindPassword },
            },
        });
        const first = await snapshot(directory("first-password"));
        const second = await snapshot(directory("second-password"));
        assert.deepEqual(difference(first, second), ["DaemonSet/daemonset-pyos", "Secret/abcdesktop-ldap-bind"]);
    });

    it("keeps the JWT keys through every change but a rotation or a new key size", async () => {
        const keyIdentity = (s: Snapshot) => s.keys.map((k) => `${k.name}:${JSON.stringify(k.inputs)}`).sort();
        for (const [setting, change] of SINGLE_SETTING_CHANGES) {
            const after = await snapshot({ ...BASE, ...change });
            const rekeyed = "jwtKeys" in change;
            assert.equal(JSON.stringify(keyIdentity(after)) !== JSON.stringify(keyIdentity(base)), rekeyed, setting);
        }
    });

    it("replaces the keys on rotation by giving them new names, so the engine creates new ones", async () => {
        const rotated = await snapshot({ jwtKeys: { rotation: 2 } });
        assert.deepEqual(rotated.keys.map((k) => k.name).sort(), [
            "abcdesktop-abcdesktopjwtdesktoppayload-rotation-2",
            "abcdesktop-abcdesktopjwtdesktopsigning-rotation-2",
            "abcdesktop-abcdesktopjwtusersigning-rotation-2",
        ]);
    });

    it("rolls every pod when the content of a Secret or ConfigMap it reads changes", async () => {
        const ldap = (bindPassword: string): AbcdesktopArgs => ({
            auth: {
                ldap: { url: "ldap://ldap.example.com", baseDn: "dc=example,dc=com", bindDn: "cn=pyos,dc=example,dc=com", bindPassword },
            },
        });
        // For each object a pod may read, one change of its content (and of nothing it does not depend on).
        const contentChanges: Record<string, AbcdesktopArgs> = {
            "ConfigMap/abcdesktop-config": { pyos: { odConfigOverrides: { "desktop.timezone": "'Europe/Paris'" } } },
            "ConfigMap/nginx-config": { clusterDomain: "k8s.example.internal" },
            "Secret/abcdesktopjwtdesktoppayload": { jwtKeys: { rotation: 1 } },
            "Secret/abcdesktopjwtdesktopsigning": { jwtKeys: { rotation: 1 } },
            "Secret/abcdesktopjwtusersigning": { jwtKeys: { rotation: 1 } },
            "Secret/mongodb-secret": { mongodb: { pyosPassword: "another-pyos-password-0123456789" } },
            "Secret/abcdesktop-ldap-bind": ldap("second-password"),
        };
        const base = await snapshot(ldap("first-password"));
        const reads: [workload: string, object: string][] = [];
        for (const [name, text] of base.objects) {
            const object = JSON.parse(text) as KubernetesManifest;
            if (!["Deployment", "DaemonSet", "StatefulSet"].includes(object.kind)) continue;
            for (const read of objectsRead((object.spec as { template: { spec: PodReads } }).template.spec)) reads.push([name, read]);
        }
        assert.ok(reads.length >= 10, JSON.stringify(reads));
        const unknown = [...new Set(reads.map(([, object]) => object))].filter((object) => !contentChanges[object]);
        assert.deepEqual(unknown, [], "an object pods read has no content change in this table: add one");
        for (const [workload, object] of reads) {
            const changed = difference(base, await snapshot(deepMerge(ldap("first-password"), contentChanges[object])));
            assert.ok(changed.includes(object), `${object}'s content changes`);
            assert.ok(changed.includes(workload), `${workload} reads ${object} but does not roll when it changes`);
        }
    });
});
