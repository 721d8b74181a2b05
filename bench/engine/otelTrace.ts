// Where a Pulumi operation's time goes, read from `--otel-traces file://...` (OpenTelemetry spans, nanosecond
// timestamps, one JSON object per line): the CLI's own spans (the preview and update plans, each program run,
// plugin starts) and the Kubernetes provider's gRPC spans, whose request text names the resource.
import { readFileSync } from "node:fs";
import { basename } from "node:path";

interface Span {
    service: string;
    name: string;
    start: number; // seconds since the epoch
    end: number;
    attributes: Record<string, string>;
}

interface OtelAttribute {
    key: string;
    value: Record<string, unknown>;
}

interface OtelLine {
    resourceSpans?: {
        resource: { attributes: OtelAttribute[] };
        scopeSpans: { spans: { name: string; startTimeUnixNano: string; endTimeUnixNano: string; attributes?: OtelAttribute[] }[] }[];
    }[];
}

/** Provider calls that change or wait on the cluster, and the read-only ones around them. */
const WRITES = new Set(["Create", "Update", "Delete"]);
const KUBERNETES_PROVIDER = "pulumi-resource-provider";

function readSpans(file: string): Span[] {
    const spans: Span[] = [];
    for (const line of readFileSync(file, "utf8").split("\n")) {
        if (!line.trim()) continue;
        for (const resource of (JSON.parse(line) as OtelLine).resourceSpans ?? []) {
            const service = String(resource.resource.attributes.find((a) => a.key === "service.name")?.value.stringValue ?? "");
            for (const scope of resource.scopeSpans) {
                for (const span of scope.spans) {
                    // Repeated keys (Msg: request then response) are joined: the request comes first.
                    const attributes: Record<string, string> = {};
                    for (const a of span.attributes ?? []) {
                        const value = String(Object.values(a.value)[0]);
                        attributes[a.key] = attributes[a.key] ? `${attributes[a.key]}\n${value}` : value;
                    }
                    spans.push({
                        service,
                        name: span.name,
                        start: Number(span.startTimeUnixNano) / 1e9,
                        end: Number(span.endTimeUnixNano) / 1e9,
                        attributes,
                    });
                }
            }
        }
    }
    return spans.sort((a, b) => a.start - b.start);
}

export interface ProviderCall {
    method: string;
    /** The resource's name in the stack (the last part of its URN). */
    resource: string;
    startS: number;
    seconds: number;
}

export interface TraceSummary {
    wallS: number;
    /** `pulumi-plan` spans: the preview's, then the update's (one for preview and destroy --skip-preview). */
    plansS: number[];
    /** The program's runs (`run-program`), one per plan that runs it (destroy runs none). */
    programRunsS: number[];
    /** Language host and provider starts (`newPlugin`), by executable. */
    pluginStarts: { name: string; seconds: number }[];
    /** Seconds from the CLI's start to the Kubernetes provider's first call. */
    firstProviderCallS: number | undefined;
    /** Kubernetes provider Create/Update/Delete calls, longest first. */
    writes: ProviderCall[];
    /** Most Kubernetes writes in flight at once. */
    maxWritesInFlight: number;
}

const method = (span: Span) => span.name.split("/").pop() ?? span.name;

export function summarizeTrace(file: string): TraceSummary {
    const spans = readSpans(file);
    const root = spans.find((s) => s.service === "pulumi-cli" && s.name === "pulumi");
    if (!root) throw new Error(`${file}: no root span "pulumi"`);
    const cli = (name: string) => spans.filter((s) => s.service === "pulumi-cli" && s.name === name);
    const kubernetes = spans.filter((s) => s.service === KUBERNETES_PROVIDER && s.name.includes("ResourceProvider/"));
    const writes = kubernetes
        .filter((s) => WRITES.has(method(s)))
        .map((s) => ({
            method: method(s),
            resource:
                /urn:pulumi:[^"\\\s]+/
                    .exec(s.attributes.Msg ?? "")?.[0]
                    .split("::")
                    .pop() ?? "?",
            startS: s.start - root.start,
            seconds: s.end - s.start,
        }));
    const edges = writes.flatMap((w) => [
        { t: w.startS, d: 1 },
        { t: w.startS + w.seconds, d: -1 },
    ]);
    let inFlight = 0;
    let maxWritesInFlight = 0;
    for (const edge of edges.sort((a, b) => a.t - b.t || a.d - b.d)) maxWritesInFlight = Math.max(maxWritesInFlight, (inFlight += edge.d));
    return {
        wallS: root.end - root.start,
        plansS: cli("pulumi-plan").map((s) => s.end - s.start),
        programRunsS: cli("run-program").map((s) => s.end - s.start),
        pluginStarts: cli("newPlugin").map((s) => ({
            name: basename(s.attributes.bin ?? s.attributes.prefix ?? "?"),
            seconds: s.end - s.start,
        })),
        firstProviderCallS: kubernetes.length > 0 ? kubernetes[0].start - root.start : undefined,
        writes: writes.sort((a, b) => b.seconds - a.seconds),
        maxWritesInFlight,
    };
}
