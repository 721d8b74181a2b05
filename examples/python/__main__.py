"""abcdesktop.io deployed by the component, from Python, onto a Kubernetes provider this program owns."""

import pulumi
import pulumi_abcdesktop as abcdesktop
import pulumi_kubernetes as k8s

config = pulumi.Config()

# Every object the component creates goes through this provider.
cluster = k8s.Provider("cluster")

desktops = abcdesktop.Abcdesktop(
    "desktops",
    namespace="desktops",
    public_hostname=config.get("publicHostname") or "localhost",
    openldap_demo=True,
    images={"pyos": {"tag": "1.1"}},
    opts=pulumi.ResourceOptions(providers=[cluster]),
)

pulumi.export("url", desktops.url)
pulumi.export("service_names", desktops.service_names)
