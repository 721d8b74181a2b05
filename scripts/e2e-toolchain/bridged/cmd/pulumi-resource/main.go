// Command pulumi-resource serves one bridged provider. e2e-toolchain.sh builds
// it once per provider from a copy of this module (outside the repo) after
// writing gen/schema.json and gen/bridge-metadata.json with pulumi-tfgen, and
// sets providerName/providerVersion with -ldflags -X.
package main

import (
	"context"
	_ "embed"

	pf "github.com/pulumi/pulumi-terraform-bridge/v3/pkg/pf/tfbridge"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"

	"abcdesktop.local/e2e-toolchain/bridged/providerinfo"
)

var providerName, providerVersion string

//go:embed gen/schema.json
var pulumiSchema []byte

//go:embed gen/bridge-metadata.json
var bridgeMetadata []byte

func main() {
	info, err := providerinfo.Get(providerName, providerVersion, bridgeMetadata)
	if err != nil {
		cmdutil.ExitError(err.Error())
	}
	pf.Main(context.Background(), providerName, info, pf.ProviderMetadata{PackageSchema: pulumiSchema})
}
