"""abcdesktop.io deployed by the component, from Python, onto a Kubernetes provider this program owns."""

import pulumi
import abcdesktop_abcdesktop as abcdesktop
import pulumi_kubernetes as k8s

config = pulumi.Config()

# Every object the component creates goes through this provider.
cluster = k8s.Provider("cluster")

desktops = abcdesktop.Abcdesktop(
    "desktops",
    namespace="desktops",
    exposure={"hostname": config.get("publicHostname") or "localhost"},
    openldap={"enabled": True},
    desktop={"printer": {"enabled": True}},
    opts=pulumi.ResourceOptions(providers=[cluster]),
)

pulumi.export("url", desktops.url)
pulumi.export("service_names", desktops.service_names)
