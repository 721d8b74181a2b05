// README's "What gets created": every Kubernetes object the component creates, from renders of the component under
// the mock engine: with the defaults, and with each option that adds or removes objects.
import type { AbcdesktopArgs } from "../../components/args";
import { Release } from "../../components/shared/settingsModule";
import { evaluateProgram } from "../../components/render/evaluateProgram";
import { compareManifests, KubernetesManifest, kubernetesManifests } from "../../components/render/manifests";
import { escapeCell, tableRow } from "./markdown";

type Options = [when: string, args: AbcdesktopArgs][];

/** The settings that add or remove objects in both releases, and how the table words each. */
const EVERY_RELEASE: Options = [
    ["with `openldap.enabled`", { openldap: { enabled: true } }],
    ["with `imagePrePull.enabled`", { imagePrePull: { enabled: true } }],
    ["with `registry.credentials`", { registry: { credentials: { server: "r.example.com", username: "u", password: "p" } } }],
    [
        "with `auth.ldap`",
        {
            auth: {
                ldap: {
                    url: "ldap://ldap.example.com",
                    baseDn: "dc=example,dc=com",
                    bindDn: "cn=pyos,dc=example,dc=com",
                    bindPassword: "p",
                },
            },
        },
    ],
    ["with `exposure.type: ingress`", { exposure: { type: "ingress", hostname: "desk.example.com" } }],
    ["with `exposure.type: gateway`", { exposure: { type: "gateway", hostname: "desk.example.com" } }],
    ["with `exposure.tls.issuer`", { exposure: { type: "ingress", hostname: "desk.example.com", tls: { issuer: "letsencrypt" } } }],
    ["unless `networkPolicies: false`", { networkPolicies: false }],
    ["unless `createNamespace: false`", { createNamespace: false }],
];

/** The settings that add or remove objects in each release. */
const OPTIONS: Record<Release, Options> = {
    "1.0": [...EVERY_RELEASE, ["unless `pyos.clusterWideRbac`", { pyos: { clusterWideRbac: true } }]],
    "4.4": [
        ...EVERY_RELEASE,
        ["with `desktop.homeDirectory.type: persistentVolumeClaim`", { desktop: { homeDirectory: { type: "persistentVolumeClaim" } } }],
        ["with `pyos.nodeReads`", { pyos: { nodeReads: true } }],
        ["with `pyos.managerApiKey`", { pyos: { managerApiKey: "0123456789abcdef0123" } }],
        [
            "with more than one replica (`router`, `website`, `pyos`, `mongodb`)",
            { router: { replicas: 2 }, website: { replicas: 2 }, pyos: { replicas: 2 }, mongodb: { replicas: 3 } } as AbcdesktopArgs,
        ],
        [
            "with `autoscaling.enabled` (`router`, `website`, `pyos`)",
            {
                router: { autoscaling: { enabled: true } },
                website: { autoscaling: { enabled: true } },
                pyos: { autoscaling: { enabled: true } },
            },
        ],
        ["unless `console.enabled: false`", { console: { enabled: false } }],
    ],
};

async function objects(args: AbcdesktopArgs): Promise<KubernetesManifest[]> {
    const evaluation = await evaluateProgram({
        project: "abcdesktop",
        stack: "docs",
        config: {},
        secretKeys: [],
        program: () => {
            const { Abcdesktop } = require("../../components") as typeof import("../../components");
            new Abcdesktop("abcdesktop", args);
            return {};
        },
    });
    return kubernetesManifests(evaluation.resources, false);
}

const identity = (m: KubernetesManifest) => `${m.kind}/${m.metadata.name}`;

/** Where each component's objects are declared, by their `app.kubernetes.io/component` label. */
const FOLDERS: Record<string, string> = {
    platform: "components/abcdesktop.ts",
    exposure: "components/exposure/",
    registry: "components/registry/",
    "jwt-keys": "components/jwtKeys/",
    nginx: "components/nginx/",
    pyos: "components/pyos/",
    mongodb: "components/mongodb/",
    memcached: "components/memcached/",
    speedtest: "components/speedtest/",
    openldap: "components/openldap/",
    desktop: "components/desktop/",
    "image-prepull": "components/imagePrePull/",
    router: "components/router/",
    website: "components/website/",
    console: "components/console/",
};

/** The table of a release, one row per object: kind, name, the folder that declares it, when it exists. */
export async function objectsTable(release: Release): Promise<string> {
    const always = await objects({ release });
    const when = new Map<string, string[]>();
    const all = new Map(always.map((m) => [identity(m), m]));
    for (const [label, args] of OPTIONS[release]) {
        const rendered = new Map((await objects({ ...args, release })).map((m) => [identity(m), m]));
        for (const [key, manifest] of rendered) {
            if (!all.has(key)) all.set(key, manifest);
            if (!always.some((m) => identity(m) === key) && label.startsWith("with")) when.set(key, [...(when.get(key) ?? []), label]);
        }
        for (const m of always)
            if (!rendered.has(identity(m)) && label.startsWith("unless")) when.set(identity(m), [...(when.get(identity(m)) ?? []), label]);
    }
    const rows = [...all.values()].sort(compareManifests).map((m) => {
        const component = (m.metadata.labels as Record<string, string> | undefined)?.["app.kubernetes.io/component"] ?? "";
        const folder = FOLDERS[component];
        if (!folder)
            throw new Error(`${identity(m)}: no folder for component ${JSON.stringify(component)} in scripts/docs/objectsTable.ts`);
        return tableRow([m.kind, `\`${m.metadata.name}\``, `\`${folder}\``, escapeCell((when.get(identity(m)) ?? ["always"]).join("; "))]);
    });
    return [tableRow(["Kind", "Name", "Declared in", "Created"]), "|---|---|---|---|", ...rows].join("\n");
}
