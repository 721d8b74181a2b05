// Command pulumi-tfgen writes schema.json and bridge-metadata.json for our
// bridged provider: PROVIDER=tls|random VERSION=x.y.z pulumi-tfgen schema --out DIR
package main

import (
	"fmt"
	"os"

	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/pf/tfgen"

	"abcdesktop.local/e2e-toolchain/bridged/providerinfo"
)

func main() {
	name := os.Getenv("PROVIDER")
	info, err := providerinfo.Get(name, os.Getenv("VERSION"), nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	tfgen.Main(name, info)
}
