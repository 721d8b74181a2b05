// Command pulumi-resource-kubernetes serves the upstream Kubernetes provider.
// e2e-toolchain.sh copies this module to a build folder outside the repo and
// writes schema-embed.json / terraform-mapping-embed.json next to it from the
// schema.json / terraform-mapping.json shipped in the provider/v4 module zip
// (upstream's `go generate` step does the same).
package main

import (
	_ "embed"

	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/provider"
	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version"
)

//go:embed schema-embed.json
var pulumiSchema []byte

//go:embed terraform-mapping-embed.json
var terraformMapping []byte

func main() {
	provider.Serve("kubernetes", version.Version, pulumiSchema, terraformMapping)
}
