// abcdesktop.io deployed by the component onto a Kubernetes provider this program owns.
import { Abcdesktop } from "@abcdesktop/abcdesktop";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();

// Every object the component creates goes through this provider (kubeconfig context, namespace defaults, ...).
const cluster = new k8s.Provider("cluster", { context: config.get("kubeContext") || undefined });

const desktops = new Abcdesktop(
    "desktops",
    {
        namespace: "desktops",
        exposure: { hostname: config.get("publicHostname") ?? "localhost" },
        openldap: { enabled: true },
        desktop: { printer: { enabled: true } },
    },
    { providers: [cluster] },
);

export const url = desktops.url;
export const serviceNames = desktops.serviceNames;
