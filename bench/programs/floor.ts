// The floor: a program that loads the four SDK packages the component uses and registers one Namespace
// (BENCH_COUNT Namespaces, to measure the cost of one more object).
import * as k8s from "@pulumi/kubernetes";
import "@pulumi/pulumi";
import "@pulumi/random";
import "@pulumi/tls";
import { benchCount } from "./count";

const namespaces = Array.from(
    { length: benchCount() },
    (_, i) => new k8s.core.v1.Namespace(`floor-${i}`, { metadata: { name: `floor-${i}` } }),
);

export const names = namespaces.map((namespace) => namespace.metadata.name);
