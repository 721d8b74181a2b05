//go:build tools

// Package tools pins the upstream command so `go mod tidy` keeps its deps.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
