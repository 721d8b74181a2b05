// How users reach the platform (`exposure`): the front door's Service for each type, the Ingress, the Gateway API
// objects and the cert-manager Certificate in front of it, the url output, what od.config is told, and who the
// front door's NetworkPolicy lets in. For both releases: 1.0's front door is Service `nginx`, 4.4's `http-router`.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AbcdesktopArgs, ExposureArgs } from "../components/args";
import type { KubernetesManifest } from "../components/render/manifests";
import { SESSION_IDLE_TIMEOUT_SECONDS } from "../components/exposure/timeouts";
import { FIELD_MANAGER_ANNOTATION, PATCH_FORCE_ANNOTATION, stackFieldManager } from "../components/shared/serverSideApply";
import { readOdConfig } from "./support/odConfigReader";
import { deployPlatform, find, podTemplate } from "./support/platform";

const HOST = "desk.example.com";

interface FrontDoor {
    release: "1.0" | "4.4";
    service: string;
    policy: string;
    port: number;
    odConfigMap: string;
}

const FRONT_DOORS: FrontDoor[] = [
    { release: "1.0", service: "nginx", policy: "nginx-od-permits", port: 80, odConfigMap: "abcdesktop-config" },
    { release: "4.4", service: "http-router", policy: "router-od-permits", port: 80, odConfigMap: "abcdesktop-config" },
];

async function platform(release: FrontDoor["release"], exposure: ExposureArgs, extra: AbcdesktopArgs = {}) {
    const deployed = await deployPlatform({ release, exposure, ...extra });
    return { manifests: deployed.manifests, url: deployed.outputs["abcdesktop.url"] as string };
}

interface ServiceSpec {
    type: string;
    ports: { name: string; port: number; targetPort: number; nodePort?: number }[];
}
const serviceSpec = (manifest: KubernetesManifest) => manifest.spec as ServiceSpec;
const kinds = (manifests: KubernetesManifest[]) => new Set(manifests.map((m) => m.kind));

/** od.config's `[global]` as pyos reads it (CherryPy's reader). */
function odGlobal(manifests: KubernetesManifest[], name: string): Record<string, unknown> {
    const configMap = find(manifests, "ConfigMap", name) as unknown as { data: Record<string, string> };
    return readOdConfig(configMap.data["od.config"], { ABCDESKTOP_LDAP_BIND_PASSWORD: "x" }).sections.global;
}

/** The sources the front door's NetworkPolicy lets in (undefined: anyone). */
function admitted(manifests: KubernetesManifest[], policy: string): unknown {
    return (find(manifests, "NetworkPolicy", policy).spec as { ingress: { from?: unknown }[] }).ingress[0].from;
}

for (const door of FRONT_DOORS) {
    describe(`release ${door.release}: exposure`, () => {
        it(`nodePort (the default): Service ${door.service} on NodePort 30443, open to anyone, nothing in front of it`, async () => {
            const { manifests, url } = await platform(door.release, {});
            const spec = serviceSpec(find(manifests, "Service", door.service));
            assert.equal(spec.type, "NodePort");
            assert.equal(spec.ports[0].nodePort, 30443);
            assert.equal(url, "http://localhost:30443/");
            assert.equal(admitted(manifests, door.policy), undefined);
            for (const kind of ["Ingress", "HTTPRoute", "Gateway", "Certificate"]) assert.ok(!kinds(manifests).has(kind), kind);
            assert.equal(odGlobal(manifests, door.odConfigMap).websocketrouting, "http_origin");
        });

        it(`loadBalancer: Service ${door.service} of type LoadBalancer with its annotations, node ports left to Kubernetes`, async () => {
            const annotations = { "service.beta.kubernetes.io/aws-load-balancer-type": "nlb" };
            const { manifests, url } = await platform(door.release, {
                type: "loadBalancer",
                hostname: HOST,
                serviceAnnotations: annotations,
            });
            const service = find(manifests, "Service", door.service);
            assert.equal(serviceSpec(service).type, "LoadBalancer");
            assert.equal(serviceSpec(service).ports[0].nodePort, undefined);
            assert.deepEqual(service.metadata.annotations, {
                ...annotations,
                [FIELD_MANAGER_ANNOTATION]: stackFieldManager("test"),
                [PATCH_FORCE_ANNOTATION]: "true",
            });
            assert.equal(url, `http://${HOST}/`);
            assert.equal(odGlobal(manifests, door.odConfigMap).default_host_url, `http://${HOST}`);
        });

        it(`ingress with exposure.tls.secretName: an Ingress for ${HOST} with that TLS Secret, to Service ${door.service}`, async () => {
            const { manifests, url } = await platform(door.release, {
                type: "ingress",
                hostname: HOST,
                className: "traefik",
                tls: { secretName: "desk-tls" },
            });
            const ingress = find(manifests, "Ingress", "ingress-abcdesktop");
            const spec = ingress.spec as {
                ingressClassName: string;
                tls: { hosts: string[]; secretName: string }[];
                rules: {
                    host: string;
                    http: { paths: { path: string; backend: { service: { name: string; port: { number: number } } } }[] };
                }[];
            };
            assert.equal(spec.ingressClassName, "traefik");
            assert.deepEqual(spec.tls, [{ hosts: [HOST], secretName: "desk-tls" }]);
            assert.equal(spec.rules[0].host, HOST);
            assert.deepEqual(spec.rules[0].http.paths[0].backend.service, { name: door.service, port: { number: door.port } });
            const service = serviceSpec(find(manifests, "Service", door.service));
            assert.equal(service.type, "ClusterIP");
            assert.ok(service.ports.some((port) => port.port === door.port));
            assert.equal(url, `https://${HOST}/`);
            const annotations = ingress.metadata.annotations as Record<string, string>;
            assert.equal(annotations["nginx.org/websocket-services"], door.service);
            assert.equal(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"], String(SESSION_IDLE_TIMEOUT_SECONDS));
            const global = odGlobal(manifests, door.odConfigMap);
            assert.equal(global.default_host_url, `https://${HOST}`);
            assert.equal(global.websocketrouting, "default_host_url");
        });

        it(`ingress: the front door admits pods only, from every namespace or the controller's own`, async () => {
            const anywhere = await platform(door.release, { type: "ingress", hostname: HOST });
            assert.deepEqual(admitted(anywhere.manifests, door.policy), [{ namespaceSelector: { matchLabels: {} } }]);
            const traefik = await platform(door.release, {
                type: "ingress",
                hostname: HOST,
                proxy: { namespace: "traefik", podLabels: { "app.kubernetes.io/name": "traefik" } },
            });
            assert.deepEqual(admitted(traefik.manifests, door.policy), [
                {
                    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "traefik" } },
                    podSelector: { matchLabels: { "app.kubernetes.io/name": "traefik" } },
                },
            ]);
        });

        it(`gateway with exposure.tls.secretName: Gateway gateway-abcdesktop with an HTTPS listener, and an HTTPRoute for ${HOST} to ${door.service}`, async () => {
            const { manifests, url } = await platform(door.release, { type: "gateway", hostname: HOST, tls: { secretName: "desk-tls" } });
            const gateway = find(manifests, "Gateway", "gateway-abcdesktop");
            const listener = (gateway.spec as { gatewayClassName: string; listeners: Record<string, unknown>[] }).listeners[0];
            assert.equal((gateway.spec as { gatewayClassName: string }).gatewayClassName, "eg");
            assert.deepEqual(listener, {
                name: "https",
                protocol: "HTTPS",
                port: 443,
                hostname: HOST,
                allowedRoutes: { namespaces: { from: "Same" } },
                tls: { mode: "Terminate", certificateRefs: [{ group: "", kind: "Secret", name: "desk-tls" }] },
            });
            const route = find(manifests, "HTTPRoute", "httproute-abcdesktop");
            const spec = route.spec as {
                parentRefs: Record<string, unknown>[];
                hostnames: string[];
                rules: { backendRefs: { name: string; port: number }[]; timeouts: { request: string } }[];
            };
            assert.deepEqual(spec.hostnames, [HOST]);
            assert.deepEqual(spec.parentRefs, [{ name: "gateway-abcdesktop", sectionName: "https" }]);
            assert.deepEqual(spec.rules[0].backendRefs, [{ name: door.service, port: door.port }]);
            assert.equal(spec.rules[0].timeouts.request, "0s", "a desktop session is one long request: no limit");
            assert.equal(url, `https://${HOST}/`);
            assert.equal(serviceSpec(find(manifests, "Service", door.service)).type, "ClusterIP");
        });

        it("gateway on an existing Gateway: only the HTTPRoute, attached to it, served over HTTPS", async () => {
            const { manifests, url } = await platform(door.release, {
                type: "gateway",
                hostname: HOST,
                gateway: { parentRefs: [{ name: "shared", namespace: "gateways", sectionName: "https" }], requestTimeout: "1h" },
            });
            assert.ok(!kinds(manifests).has("Gateway"));
            const spec = find(manifests, "HTTPRoute", "httproute-abcdesktop").spec as {
                parentRefs: unknown[];
                rules: { timeouts: unknown }[];
            };
            assert.deepEqual(spec.parentRefs, [{ name: "shared", namespace: "gateways", sectionName: "https" }]);
            assert.deepEqual(spec.rules[0].timeouts, { request: "1h" });
            assert.equal(url, `https://${HOST}/`);
        });

        it("exposure.tls.issuer: cert-manager Certificate abcdesktop-tls for the host, whose Secret the Ingress uses", async () => {
            const { manifests } = await platform(door.release, {
                type: "ingress",
                hostname: HOST,
                tls: { issuer: "letsencrypt", issuerKind: "ClusterIssuer" },
            });
            const certificate = find(manifests, "Certificate", "abcdesktop-tls");
            assert.equal(certificate.apiVersion, "cert-manager.io/v1");
            assert.deepEqual(certificate.spec, {
                secretName: "abcdesktop-tls",
                dnsNames: [HOST],
                issuerRef: { group: "cert-manager.io", kind: "ClusterIssuer", name: "letsencrypt" },
            });
            const tls = (find(manifests, "Ingress", "ingress-abcdesktop").spec as { tls: { secretName: string }[] }).tls;
            assert.equal(tls[0].secretName, "abcdesktop-tls");
        });
    });
}

describe("release 4.4: TLS in the router (exposure.tls.inRouter)", () => {
    it("router-od listens in HTTPS on 443 with the certificate's Secret, probes in HTTPS, and the url says https", async () => {
        const { manifests, url } = await platform("4.4", { hostname: HOST, tls: { secretName: "desk-tls", inRouter: true } });
        const pod = podTemplate(find(manifests, "Deployment", "router-od")).spec;
        const container = pod.containers[0] as unknown as {
            ports: { containerPort: number }[];
            livenessProbe: { httpGet: { port: number; scheme: string } };
        };
        assert.deepEqual(
            container.ports.map((port) => port.containerPort),
            [443],
        );
        assert.deepEqual(container.livenessProbe.httpGet, { path: "/healthz", port: 443, scheme: "HTTPS" });
        const volumes = pod.volumes as unknown as { secret?: { secretName: string }; configMap?: { name: string } }[];
        assert.ok(volumes.some((volume) => volume.secret?.secretName === "desk-tls"));
        assert.ok(volumes.some((volume) => volume.configMap?.name === "router-https-config"));
        find(manifests, "ConfigMap", "router-https-config");
        const service = serviceSpec(find(manifests, "Service", "http-router"));
        assert.equal(service.ports[0].port, 443);
        assert.equal(service.ports[0].nodePort, 30443);
        assert.equal(url, `https://${HOST}:30443/`);
    });
});
