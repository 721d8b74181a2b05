//go:build tools

// kwok: fake nodes whose pods are reported as running, so that workloads
// become ready without a container runtime.
package tools

import _ "sigs.k8s.io/kwok/cmd/kwok"
