//go:build tools

// Package tools pins the upstream command so `go mod tidy` keeps its deps.
package tools

import _ "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs"
