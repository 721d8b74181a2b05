import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { contentChecksum } from "../shared/checksums";
import { clusterIpService } from "../shared/clusterIpService";
import { ComponentScope, DeploymentContext } from "../shared/context";
import { allowIngress } from "../shared/networkPolicy";
import { nginxWritableDirectories } from "../shared/nginxWritableDirectories";
import { imageFields, podFieldEnv } from "../shared/podSpec";
import { resourceRequirements } from "../shared/resources";
import { singleContainerDeployment } from "../shared/singleContainerDeployment";
import { ConsoleSettings } from "./settings";
import { workloadOptions } from "../shared/podReferences";

export const CONSOLE_PORT = 80;
export const VERSION_CONFIG_FILE = "versionConfig.json";
/** ConfigMap of the console's versionConfig.json, upstream's name. */
export const VERSION_CONFIG_CONFIGMAP_NAME = "version-config";

/** `versionConfig.json`: the release the console shows and where its App Store reads the applications, upstream's layout. */
export function versionConfigJson(release: string, applicationsListUrl: string): string {
    return JSON.stringify({ ABCDESKTOP_VERSION: release, ABCDESKTOP_APPLICATIONS_LIST_URL: applicationsListUrl }, null, 2);
}

/** Deployment `console-od`, Service `console` and ConfigMap `version-config`: the 4.4 admin console, behind the router at `/console`. */
export class Console extends pulumi.ComponentResource {
    public readonly deployment: k8s.apps.v1.Deployment;
    public readonly service: k8s.core.v1.Service;
    public readonly versionConfig: k8s.core.v1.ConfigMap;

    constructor(context: DeploymentContext, settings: ConsoleSettings, opts?: pulumi.ComponentResourceOptions) {
        super("abcdesktop:index:Console", context.instance, {}, opts);
        const scope = new ComponentScope(context, "console");
        const versionConfigText = versionConfigJson(context.platform.release, settings.applicationsListUrl);
        this.versionConfig = new k8s.core.v1.ConfigMap(
            `${context.instance}-version-config`,
            { metadata: scope.metadata(VERSION_CONFIG_CONFIGMAP_NAME), data: { [VERSION_CONFIG_FILE]: versionConfigText } },
            { parent: this },
        );
        const writable = nginxWritableDirectories();
        const selector = { run: "console-od" };
        this.deployment = singleContainerDeployment(
            scope,
            {
                deploymentName: "console-od",
                selector,
                extraPodLabels: { type: "admin-console" },
                // The file is mounted by subPath, which a ConfigMap change never reaches: the pods roll instead.
                podAnnotations: { "checksum/version-config": contentChecksum("", [versionConfigText]) },
                container: {
                    name: "console",
                    ...imageFields(scope.image(settings.image)),
                    securityContext: { readOnlyRootFilesystem: true },
                    ports: [{ containerPort: CONSOLE_PORT }],
                    env: [podFieldEnv("POD_NAMESPACE", "metadata.namespace")],
                    resources: resourceRequirements(settings.resources),
                    volumeMounts: [
                        {
                            name: "version-config-volume",
                            mountPath: `/usr/share/nginx/html/config/${VERSION_CONFIG_FILE}`,
                            subPath: VERSION_CONFIG_FILE,
                            readOnly: true,
                        },
                        ...writable.volumeMounts,
                    ],
                },
                volumes: [{ name: "version-config-volume", configMap: { name: VERSION_CONFIG_CONFIGMAP_NAME } }, ...writable.volumes],
            },
            workloadOptions(context, this, [this.versionConfig]),
        );
        this.service = clusterIpService(scope, "console", selector, [{ port: CONSOLE_PORT, targetPort: CONSOLE_PORT, protocol: "TCP" }], {
            parent: this,
        });
        allowIngress(
            scope,
            {
                policyName: "console-od-permits",
                pods: selector,
                from: [{ "netpol/console": "true" }],
                ports: [CONSOLE_PORT],
                onlyDnsEgress: true,
            },
            { parent: this },
        );
        this.registerOutputs({});
    }
}
