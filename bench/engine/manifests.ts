// The same Kubernetes objects as the Pulumi stack, for kubectl and Helm: `npm run render -- --show-secrets` of the
// dev stack with the benchmark's settings, as one file for `kubectl apply -f` and as a chart whose templates are
// those objects.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { REPO_ROOT } from "../paths";
import { run } from "./run";

export interface ManifestObject {
    apiVersion: string;
    kind: string;
    metadata: { name: string; namespace?: string };
    spec?: { selector?: unknown; clusterIP?: string };
}

export interface Manifests {
    /** The render, for `kubectl apply/diff/delete -f`. */
    readonly file: string;
    /** A chart of the same objects but Endpoints `desktop`, for `helm install/upgrade`. */
    readonly chart: string;
    readonly objects: ManifestObject[];
}

/** `kind/name` of what kubectl must wait for to match Pulumi's readiness: every workload rolled out. */
export function workloads(objects: ManifestObject[]): string[] {
    const kinds: Record<string, string> = { Deployment: "deployment", DaemonSet: "daemonset", StatefulSet: "statefulset" };
    return objects.filter((o) => kinds[o.kind]).map((o) => `${kinds[o.kind]}/${o.metadata.name}`);
}

/**
 * Endpoints kubectl must see addresses in: those of Services with a selector and a cluster IP, the ones Pulumi's
 * Service await waits on (it skips headless Services such as `desktop`, whose pods are users' desktops).
 */
export function servedEndpoints(objects: ManifestObject[]): string[] {
    return objects
        .filter((o) => o.kind === "Service" && o.spec?.selector && o.spec.clusterIP !== "None")
        .map((o) => `endpoints/${o.metadata.name}`);
}

/** `pvc/name` of the claims in the render: Pulumi awaits a claim until it is bound (the home directories' one). */
export function claims(objects: ManifestObject[]): string[] {
    return objects.filter((o) => o.kind === "PersistentVolumeClaim").map((o) => `pvc/${o.metadata.name}`);
}

/** The namespace every namespaced object is in (one per render: the dev stack's). */
export function namespaceOf(objects: ManifestObject[]): string {
    const namespaces = new Set(objects.map((o) => o.metadata.namespace).filter((n): n is string => n !== undefined));
    if (namespaces.size !== 1) throw new Error(`expected one namespace in the render, found ${[...namespaces].join(", ")}`);
    return [...namespaces][0];
}

/**
 * Renders the dev stack with `settings` (setting paths, as `pulumi config set --path` takes them) into `dir`.
 * Helm would read `{{` in a ConfigMap as a template action: it is written as a template that prints it.
 */
export async function renderManifests(dir: string, settings: Record<string, string>): Promise<Manifests> {
    const config = Object.entries(settings).flatMap(([key, value]) => ["--config", `${key}=${value}`]);
    const file = join(dir, "objects.yaml");
    mkdirSync(dir, { recursive: true });
    await run("npm", ["run", "--silent", "render", "--", "--stack", "dev", "--show-secrets", "--path", ...config, "--out", file], {
        cwd: REPO_ROOT,
    });
    const documents = parseAllDocuments(readFileSync(file, "utf8"));
    const objects = documents.map((document) => document.toJS() as ManifestObject);

    const chart = join(dir, "chart");
    mkdirSync(join(chart, "templates"), { recursive: true });
    writeFileSync(
        join(chart, "Chart.yaml"),
        "apiVersion: v2\nname: abcdesktop-bench\nversion: 0.1.0\ndescription: The objects of npm run render, as they are\n",
    );
    documents.forEach((document, i) => {
        const { kind, metadata } = objects[i];
        // The endpoints controller creates Endpoints `desktop` for the Service of that name; Helm's create collides.
        if (kind === "Endpoints" && metadata.name === "desktop") return;
        const text = document.toString().replaceAll("{{", '{{ "{{" }}');
        writeFileSync(join(chart, "templates", `${String(i).padStart(2, "0")}-${kind.toLowerCase()}-${metadata.name}.yaml`), text);
    });
    return { file, chart, objects };
}
