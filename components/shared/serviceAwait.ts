/**
 * On a Service with a cluster IP that only routes to our pods: Pulumi's await of a Service waits 10 seconds after
 * every change of its endpoints before it calls them settled (pulumi-kubernetes, provider/pkg/await/service.go), so
 * each create or update of such a Service took 10.4 s, on the path of `pulumi up` from empty and of a NodePort change
 * (BENCHMARKS.md, "What users wait for"). The workloads behind them are still awaited until their pods are ready,
 * which is what the endpoints would tell. Headless Services too: awaited, the update of MongoDB's recorded the object
 * as it was before the update, so the next preview proposed the change again. A LoadBalancer keeps the await: its
 * address is what users wait for.
 */
export const SKIP_SERVICE_AWAIT = { "pulumi.com/skipAwait": "true" } as const;
