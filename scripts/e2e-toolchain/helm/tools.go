//go:build tools

// Package tools pins Helm's command so `go mod tidy` keeps its dependencies. Helm is only a yardstick for
// bench/engine (helm install/upgrade/uninstall --wait of a chart made of our rendered objects).
package tools

import _ "helm.sh/helm/v3/cmd/helm"
