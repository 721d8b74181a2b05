// The deployment's specification: what `pulumi up` creates for the seed's install, and how the pieces connect.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { dataKeys, DeployedPlatform, deployPlatform, find, labelsMatch, podTemplate, WORKLOAD_KINDS } from "./support/platform";

const NS = "abcdesktop";

describe("a default deployment with the demo directory and image pre-pull", () => {
    let platform: DeployedPlatform;
    before(async () => {
        platform = await deployPlatform({ openldap: { enabled: true }, imagePrePull: { enabled: true } });
    });

    it("creates every object of the seed's abcdesktop.yaml and key steps with the seed's names, plus the Role, NetworkPolicies and LDAP bind Secret that make it safe", () => {
        const expected: [string, string, string | undefined][] = [
            ["Namespace", "abcdesktop", undefined],
            ["ClusterRole", "pyos-role", undefined],
            ["ClusterRoleBinding", "pyos-rbac", undefined],
            ["Role", "pyos-role", NS],
            ["RoleBinding", "pyos-rbac", NS],
            ["ServiceAccount", "pyos-serviceaccount", NS],
            ["StorageClass", "storage-local-abcdesktop", undefined],
            ["PersistentVolume", "pv-volume-home-directory", undefined],
            ["PersistentVolumeClaim", "persistentvolumeclaim-home-directory", NS],
            ["ConfigMap", "abcdesktop-config", NS],
            ["ConfigMap", "nginx-config", NS],
            ["Secret", "abcdesktopjwtdesktoppayload", NS],
            ["Secret", "abcdesktopjwtdesktopsigning", NS],
            ["Secret", "abcdesktopjwtusersigning", NS],
            ["Secret", "mongodb-secret", NS],
            ["Secret", "abcdesktop-ldap-bind", NS],
            ["Deployment", "memcached-od", NS],
            ["StatefulSet", "mongodb-od", NS],
            ["DaemonSet", "daemonset-nginx", NS],
            ["Deployment", "speedtest-od", NS],
            ["DaemonSet", "daemonset-pyos", NS],
            ["Deployment", "openldap-od", NS],
            ["DaemonSet", "daemonset-image-prepull", NS],
            ["Endpoints", "desktop", NS],
            ["Service", "desktop", NS],
            ["Service", "memcached", NS],
            ["Service", "mongodb", NS],
            ["Service", "speedtest", NS],
            ["Service", "nginx", NS],
            ["Service", "pyos", NS],
            ["Service", "openldap", NS],
            ["NetworkPolicy", "nginx-od-permits", NS],
            ["NetworkPolicy", "pyos-od-permits", NS],
            ["NetworkPolicy", "mongodb-od-permits", NS],
            ["NetworkPolicy", "memcached-od-permits", NS],
            ["NetworkPolicy", "speedtest-od-permits", NS],
            ["NetworkPolicy", "openldap-od-permits", NS],
        ];
        const actual = platform.manifests.map((m) => [m.kind, m.metadata.name, m.metadata.namespace]);
        assert.deepEqual(
            [...actual].sort((a, b) => String(a).localeCompare(String(b))),
            [...expected].sort((a, b) => String(a).localeCompare(String(b))),
        );
    });

    it("creates no registry Secret and no imagePullSecrets when no credentials are configured", () => {
        assert.equal(platform.manifests.filter((m) => m.metadata.name === "abcdesktopregistrysecret").length, 0);
        for (const workload of platform.manifests.filter((m) => WORKLOAD_KINDS.includes(m.kind))) {
            assert.equal(podTemplate(workload).spec.imagePullSecrets, undefined, workload.metadata.name);
        }
    });

    it("labels every object and pod with its component, so an operator can select by component", () => {
        const expectedComponent: Record<string, string> = {
            "Namespace/abcdesktop": "platform",
            "Secret/abcdesktopjwtdesktoppayload": "jwt-keys",
            "ConfigMap/nginx-config": "nginx",
            "ConfigMap/abcdesktop-config": "pyos",
            "Secret/abcdesktop-ldap-bind": "pyos",
            "ClusterRole/pyos-role": "pyos",
            "StatefulSet/mongodb-od": "mongodb",
            "NetworkPolicy/mongodb-od-permits": "mongodb",
            "PersistentVolume/pv-volume-home-directory": "desktop",
            "Service/desktop": "desktop",
            "DaemonSet/daemonset-image-prepull": "image-prepull",
        };
        for (const object of platform.manifests) {
            const labels = (object.metadata.labels ?? {}) as Record<string, string>;
            const key = `${object.kind}/${object.metadata.name}`;
            assert.equal(labels["app.kubernetes.io/name"], "abcdesktop", key);
            assert.ok(labels["app.kubernetes.io/component"], `${key} has no component label`);
            if (expectedComponent[key]) assert.equal(labels["app.kubernetes.io/component"], expectedComponent[key], key);
        }
        for (const workload of platform.manifests.filter((m) => WORKLOAD_KINDS.includes(m.kind))) {
            const { labels } = podTemplate(workload).metadata;
            assert.equal(
                labels["app.kubernetes.io/component"],
                (workload.metadata.labels as Record<string, string>)["app.kubernetes.io/component"],
            );
            const selector = (workload.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels;
            assert.ok(
                !Object.keys(selector).some((k) => k.startsWith("app.kubernetes.io/")),
                `${workload.metadata.name} selects by upstream's labels only`,
            );
        }
        assert.deepEqual(
            [
                ...new Set(platform.manifests.map((m) => (m.metadata.labels as Record<string, string>)["app.kubernetes.io/component"])),
            ].sort(),
            ["desktop", "image-prepull", "jwt-keys", "memcached", "mongodb", "nginx", "openldap", "platform", "pyos", "speedtest"],
        );
    });

    it("selects each workload's own pods", () => {
        for (const workload of platform.manifests.filter((m) => WORKLOAD_KINDS.includes(m.kind))) {
            const selector = (workload.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels;
            assert.ok(labelsMatch(selector, podTemplate(workload).metadata.labels), `${workload.metadata.name} selector`);
        }
    });

    it("routes every Service to pods that listen on its target port", () => {
        const workloads = platform.manifests.filter((m) => WORKLOAD_KINDS.includes(m.kind));
        for (const service of platform.manifests.filter((m) => m.kind === "Service")) {
            const spec = service.spec as { selector: Record<string, string>; ports?: { port: number; targetPort?: number | string }[] };
            if (service.metadata.name === "desktop") {
                // Selects the user pods pyos creates, labelled type: x11server; no platform pod carries that label.
                assert.deepEqual(spec.selector, { type: "x11server" });
                assert.equal((service.spec as { clusterIP: string }).clusterIP, "None");
                continue;
            }
            const backends = workloads.filter((w) => labelsMatch(spec.selector, podTemplate(w).metadata.labels));
            assert.equal(backends.length, 1, `Service ${service.metadata.name} selects exactly one workload`);
            const containerPorts = podTemplate(backends[0]).spec.containers.flatMap((c) => c.ports ?? []);
            for (const port of spec.ports ?? []) {
                const target = port.targetPort ?? port.port;
                const reached = containerPorts.some((p) => p.containerPort === target || p.name === target);
                assert.ok(reached, `Service ${service.metadata.name} port ${port.port} reaches container port ${target}`);
            }
        }
    });

    it("mounts only Secrets and ConfigMaps that exist, with the keys the mounts and env vars name", () => {
        const byName = (kind: string, name: string) => find(platform.manifests, kind, name, NS);
        for (const workload of platform.manifests.filter((m) => WORKLOAD_KINDS.includes(m.kind))) {
            const pod = podTemplate(workload).spec;
            for (const container of [...pod.containers, ...(pod.initContainers ?? [])]) {
                for (const mount of container.volumeMounts ?? []) {
                    const volume = pod.volumes?.find((v) => v.name === mount.name);
                    const fromClaimTemplate = workload.kind === "StatefulSet" && mount.name === "data";
                    assert.ok(volume || fromClaimTemplate, `${workload.metadata.name}: volume ${mount.name} is declared`);
                    if (volume?.secret && mount.subPath)
                        assert.ok(dataKeys(byName("Secret", volume.secret.secretName)).includes(mount.subPath));
                    if (volume?.configMap && mount.subPath)
                        assert.ok(dataKeys(byName("ConfigMap", volume.configMap.name)).includes(mount.subPath));
                }
                for (const env of container.env ?? []) {
                    const ref = env.valueFrom?.secretKeyRef;
                    if (ref) assert.ok(dataKeys(byName("Secret", ref.name)).includes(ref.key), `${env.name} from ${ref.name}/${ref.key}`);
                }
            }
            for (const volume of pod.volumes ?? []) {
                if (volume.secret) byName("Secret", volume.secret.secretName);
                if (volume.configMap) byName("ConfigMap", volume.configMap.name);
            }
        }
    });

    it("gives nginx and pyos the JWT key files at the paths od.config and the Lua code expect", () => {
        const nginx = podTemplate(find(platform.manifests, "DaemonSet", "daemonset-nginx")).spec.containers[0];
        const env = Object.fromEntries((nginx.env ?? []).filter((e) => e.value).map((e) => [e.name, e.value]));
        assert.equal(env.JWT_DESKTOP_PAYLOAD_PRIVATE_KEY, "/config.payload/abcdesktop_jwt_desktop_payload_private_key.pem");
        assert.equal(env.JWT_DESKTOP_SIGNING_PUBLIC_KEY, "/config.signing/abcdesktop_jwt_desktop_signing_public_key.pem");
        const pyosPod = podTemplate(find(platform.manifests, "DaemonSet", "daemonset-pyos")).spec;
        const mounts = Object.fromEntries((pyosPod.containers[0].volumeMounts ?? []).map((m) => [m.mountPath, m.name]));
        const secretOf = (mountPath: string) => pyosPod.volumes!.find((v) => v.name === mounts[mountPath])!.secret!.secretName;
        assert.equal(secretOf("/config.payload"), "abcdesktopjwtdesktoppayload");
        assert.equal(secretOf("/config.signing"), "abcdesktopjwtdesktopsigning");
        assert.equal(secretOf("/config.usersigning"), "abcdesktopjwtusersigning");
        assert.equal(pyosPod.serviceAccountName, "pyos-serviceaccount");
    });

    it("exposes nginx on NodePort 30443 and binds pyos's ClusterRole to its ServiceAccount", () => {
        const ports = find(platform.manifests, "Service", "nginx").spec as { type: string; ports: { nodePort: number }[] };
        assert.equal(ports.type, "NodePort");
        assert.equal(ports.ports[0].nodePort, 30443);
        const binding = find(platform.manifests, "ClusterRoleBinding", "pyos-rbac") as unknown as {
            roleRef: { name: string };
            subjects: { name: string; namespace: string }[];
        };
        assert.equal(binding.roleRef.name, "pyos-role");
        assert.deepEqual(
            binding.subjects.map((s) => [s.name, s.namespace]),
            [["pyos-serviceaccount", NS]],
        );
    });

    it("runs every container from an image with an explicit tag", () => {
        for (const workload of platform.manifests.filter((m) => WORKLOAD_KINDS.includes(m.kind))) {
            const pod = podTemplate(workload).spec;
            for (const container of [...pod.containers, ...(pod.initContainers ?? [])]) {
                assert.match(container.image, /:[A-Za-z0-9_][A-Za-z0-9_.-]*$/, `${workload.metadata.name}/${container.name}`);
                assert.ok(container.imagePullPolicy, `${workload.metadata.name}/${container.name} pull policy`);
            }
        }
    });

    it("pre-pulls the desktop image and the sample applications, not the sidecars that are off", () => {
        const images = podTemplate(find(platform.manifests, "DaemonSet", "daemonset-image-prepull")).spec.initContainers!.map(
            (c) => c.image,
        );
        assert.ok(!images.some((i) => /oc\.(cupsd|pulseaudio)/.test(i)), `printer and sound are off: ${images.join(", ")}`);
        for (const image of ["oc.user.18.04", "writer.d", "calc.d", "impress.d", "firefox.d", "gimp.d"]) {
            assert.ok(
                images.some((i) => i.startsWith(`abcdesktopio/${image}:`)),
                image,
            );
        }
    });

    it("exports the URL and the names of services and secrets, never their values", () => {
        assert.equal(platform.outputs["abcdesktop.url"], "http://localhost:30443/");
        assert.equal(platform.outputs["abcdesktop.namespace"], NS);
        assert.deepEqual(platform.outputs["abcdesktop.secretNames"], {
            jwtDesktopPayload: "abcdesktopjwtdesktoppayload",
            jwtDesktopSigning: "abcdesktopjwtdesktopsigning",
            jwtUserSigning: "abcdesktopjwtusersigning",
            mongodb: "mongodb-secret",
            ldapBind: "abcdesktop-ldap-bind",
        });
        assert.deepEqual(platform.outputs["abcdesktop.serviceNames"], {
            nginx: "nginx",
            pyos: "pyos",
            mongodb: "mongodb",
            memcached: "memcached",
            speedtest: "speedtest",
            desktop: "desktop",
            openldap: "openldap",
        });
    });
});
