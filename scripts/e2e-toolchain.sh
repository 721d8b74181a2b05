#!/usr/bin/env bash
# Build the Pulumi engine and providers used by the local end-to-end tests,
# from the Go module proxy only (no GitHub, no get.pulumi.com).
#
#   scripts/e2e-toolchain.sh            # build what is missing (idempotent)
#   scripts/e2e-toolchain.sh --force    # rebuild everything
#   scripts/e2e-toolchain.sh --only NAME   # one of: pulumi kubernetes tls random cluster kwok etcd
#                                          #   etcd-v3.6 language-nodejs language-python language-yaml helm
#   scripts/e2e-toolchain.sh --print-bin   # print the bin folder and exit
#
# Output: ${ABCDESKTOP_E2E_CACHE:-$HOME/.cache/abcdesktop-e2e}/bin
#   pulumi                      github.com/pulumi/pulumi/pkg/v3 (cmd/pulumi)
#   pulumi-resource-kubernetes  github.com/pulumi/pulumi-kubernetes/provider/v4
#   pulumi-resource-tls         our bridge config + hashicorp/terraform-provider-tls
#   pulumi-resource-random      our bridge config + terraform-provider-random
#   kube-apiserver, kube-controller-manager, kube-scheduler, kubectl
#                               k8s.io/kubernetes (a real control plane on 127.0.0.1)
#   kwok                        sigs.k8s.io/kwok (fake nodes that run pods)
#   etcd                        go.etcd.io/etcd/server/v3 v3.6.4 (etcd-v3.6; preferred by the local
#                               cluster over Debian's 3.4, with which kwok saw new pods 1-36 s late)
#   language-nodejs:
#     pulumi-language-nodejs    our host (e2e-toolchain/language-nodejs): RunPlugin, so that
#                               source-based Node.js plugins (PulumiPlugin.yaml) run, Run, so that
#                               programs talk to the engine's monitor (transforms), and every
#                               other call forwarded to
#     pulumi-language-nodejs-v3.68  upstream's host from sdk/v3 v3.68.0, the last release that
#                               contains it (its own module, from v3.69, is not served)
#   language-python:
#     pulumi-language-python    our host (e2e-toolchain/language-python): GeneratePackage, Link
#                               and InstallDependencies (virtualenv), so that `pulumi package add`
#                               and `packages:` work, and every other call forwarded to
#     pulumi-language-python-v3.79  upstream's host from sdk/v3 v3.79.0, the last release that
#     pulumi-language-python-exec   contains it, started with -virtualenv; and its exec script
#   language-yaml:
#     pulumi-language-yaml      github.com/pulumi/pulumi-yaml v1.38.3, the newest served
#   helm                        helm.sh/helm/v3 v3.22.0 (only the yardstick of npm run bench:engine)
# Without bin/etcd, etcd comes from Debian's etcd-server package (step etcd), installed with apt-get when missing.
# The old nodejs host gets its runtime options (typescript, nodeargs, tsconfig) only as
# command-line flags, which this engine no longer passes: programs run with the defaults.
#
# Timing/memory of each build goes to $CACHE/logs/<name>.time (GNU time -v).
# Versions, cost (cold ~50 min on 2 idle cores) and the local cluster:
# scripts/e2e-toolchain/README.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SHIMS="$HERE/e2e-toolchain"
CACHE="${ABCDESKTOP_E2E_CACHE:-$HOME/.cache/abcdesktop-e2e}"
BIN="$CACHE/bin"
SRC="$CACHE/src"
LOGS="$CACHE/logs"

# Versions. The reported provider versions match the npm SDKs the tests use,
# so that the engine's plugin lookup accepts the binaries found on PATH.
PULUMI_VERSION="v3.274.1"
K8S_MODULE_VERSION="v4.0.0-20260115033456-f47bc2d6f199" # = upstream tag v4.25.0
K8S_VERSION="4.25.0"
TLS_VERSION="5.6.1"
RANDOM_VERSION="4.21.2"
KUBERNETES_VERSION="v1.34.4" # must match the require line in e2e-toolchain/cluster/go.mod
KWOK_VERSION="v0.8.0"        # must match the require line in e2e-toolchain/kwok/go.mod
ETCD_VERSION="v3.6.4"        # must match the require line in e2e-toolchain/etcd/go.mod (Kubernetes v1.34's etcd)
# Language hosts; each must match the require line of its e2e-toolchain/language-*/go.mod.
NODEJS_LEGACY_VERSION="v3.68.0" # sdk/v3: the last release with nodejs/cmd/pulumi-language-nodejs
PYTHON_HOST_VERSION="v3.79.0"   # sdk/v3: the last release with python/cmd/pulumi-language-python
YAML_VERSION="v1.38.3"          # pulumi-yaml: the newest the proxy serves (v1.39+ answer 403)
HELM_VERSION="v3.22.0"          # must match the require line in e2e-toolchain/helm/go.mod

NICE="${E2E_TOOLCHAIN_NICE:-10}"
FORCE=0
ONLY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --force) FORCE=1 ;;
    --only) ONLY="${2:?--only needs a name}"; shift ;;
    --print-bin) echo "$BIN"; exit 0 ;;
    -h|--help) sed -n '2,/^[^#]/{/^#/p}' "$0"; exit 0 ;;
    *) echo "e2e-toolchain: unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

case "$ONLY" in
  ""|pulumi|kubernetes|tls|random|cluster|kwok|etcd|etcd-v3.6|language-nodejs|language-python|language-yaml|helm) ;;
  *) echo "e2e-toolchain: unknown --only name: $ONLY (see --help)" >&2; exit 2 ;;
esac

if [ "$ONLY" != etcd ]; then
  for tool in go node; do
    command -v "$tool" >/dev/null || { echo "e2e-toolchain: $tool not found on PATH" >&2; exit 1; }
  done
fi
mkdir -p "$BIN" "$SRC" "$LOGS"
export GOFLAGS="${GOFLAGS:-} -mod=readonly -trimpath"

log() { echo "e2e-toolchain: $*" >&2; }

# fingerprint NAME VERSION DIR... -> a string that changes when inputs change. Paths are hashed relative to
# the shim folder, so that every clone of the repository agrees (CI builds nothing a clone already built).
fingerprint() {
  local name="$1" version="$2"; shift 2
  {
    echo "$name $version $(go env GOVERSION)"
    for dir in "$@"; do
      (cd "$SHIMS" && find "${dir#"$SHIMS"/}" -type f \( -name '*.go' -o -name 'go.mod' -o -name 'go.sum' \) -print0 \
        | sort -z | xargs -0 sha256sum)
    done
  } | sha256sum | cut -d' ' -f1
}

# up_to_date NAME FINGERPRINT: binary present and built from the same inputs
up_to_date() {
  [ "$FORCE" = 0 ] && [ -x "$BIN/$1" ] && [ -f "$BIN/.$1.stamp" ] \
    && [ "$(cat "$BIN/.$1.stamp")" = "$2" ]
}

wanted() { [ -z "$ONLY" ] || [ "$ONLY" = "$1" ]; }

# timed NAME CMD...: run a heavy command niced, with GNU time when available
timed() {
  local name="$1"; shift
  local start=$SECONDS
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v -o "$LOGS/$name.time" nice -n "$NICE" "$@"
    local wall rss
    wall="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$LOGS/$name.time")"
    rss="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$LOGS/$name.time")"
    log "$name: wall $wall, peak RSS $((rss / 1024)) MiB"
  else
    nice -n "$NICE" "$@"
    log "$name: wall $((SECONDS - start)) s"
  fi
}

# fresh_copy MODULE_DIR: copy one of our shim modules outside the repo
fresh_copy() {
  rm -rf "${SRC:?}/$1"
  cp -r "$SHIMS/$1" "$SRC/$1"
}

build_pulumi() {
  local fp; fp="$(fingerprint pulumi "$PULUMI_VERSION" "$SHIMS/pulumi")"
  if up_to_date pulumi "$fp"; then log "pulumi $PULUMI_VERSION: up to date"; return; fi
  log "building pulumi $PULUMI_VERSION (cold: ~10 min on 2 cores)"
  (cd "$SHIMS/pulumi" && timed pulumi go build \
    -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION" \
    -o "$BIN/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
  echo "$fp" > "$BIN/.pulumi.stamp"
}

build_kubernetes() {
  local name=pulumi-resource-kubernetes fp
  fp="$(fingerprint "$name" "$K8S_VERSION" "$SHIMS/kubernetes")"
  if up_to_date "$name" "$fp"; then log "$name $K8S_VERSION: up to date"; return; fi
  log "building $name $K8S_VERSION ($K8S_MODULE_VERSION)"
  fresh_copy kubernetes
  local dir="$SRC/kubernetes" mod
  mod="$(cd "$dir" && go mod download -json "github.com/pulumi/pulumi-kubernetes/provider/v4@$K8S_MODULE_VERSION" \
    | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
  [ -d "$mod/cmd/$name" ] || { log "provider/v4 module not found in the module cache"; exit 1; }
  # Same as upstream's `go generate` (generate.go): set the schema version, minify.
  node -e '
    const fs = require("fs");
    const [src, dst, version] = process.argv.slice(1);
    const schema = JSON.parse(fs.readFileSync(src + "/schema.json", "utf8"));
    schema.version = version;
    fs.writeFileSync(dst + "/schema-embed.json", JSON.stringify(schema));
    const mapping = JSON.parse(fs.readFileSync(src + "/terraform-mapping.json", "utf8"));
    fs.writeFileSync(dst + "/terraform-mapping-embed.json", JSON.stringify(mapping));
  ' "$mod/cmd/$name" "$dir" "$K8S_VERSION"
  (cd "$dir" && timed kubernetes go build \
    -ldflags "-s -w -X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=$K8S_VERSION" \
    -o "$BIN/$name" .)
  echo "$fp" > "$BIN/.$name.stamp"
}

# build_bridged NAME VERSION: tls or random, through our bridge config
build_bridged() {
  local p="$1" version="$2" name="pulumi-resource-$1" fp
  fp="$(fingerprint "$name" "$version" "$SHIMS/bridged")"
  if up_to_date "$name" "$fp"; then log "$name $version: up to date"; return; fi
  log "building $name $version"
  local dir="$SRC/bridged-$p"
  rm -rf "$dir"; cp -r "$SHIMS/bridged" "$dir"
  (cd "$dir" && timed "tfgen-$p" go build -o "$dir/pulumi-tfgen" ./cmd/pulumi-tfgen)
  mkdir -p "$dir/cmd/pulumi-resource/gen"
  (cd "$dir" && PROVIDER="$p" VERSION="$version" ./pulumi-tfgen schema \
    --out "$dir/cmd/pulumi-resource/gen" > "$LOGS/tfgen-$p.log" 2>&1) \
    || { log "tfgen $p failed, see $LOGS/tfgen-$p.log"; tail -20 "$LOGS/tfgen-$p.log" >&2; exit 1; }
  (cd "$dir" && timed "$p" go build \
    -ldflags "-s -w -X main.providerName=$p -X main.providerVersion=$version" \
    -o "$BIN/$name" ./cmd/pulumi-resource)
  echo "$fp" > "$BIN/.$name.stamp"
}

# The control plane: one module that requires k8s.io/kubernetes with every
# staging module replaced by its published v0.x release.
build_cluster() {
  local fp minor="${KUBERNETES_VERSION#v1.}"
  fp="$(fingerprint cluster "$KUBERNETES_VERSION" "$SHIMS/cluster")"
  if up_to_date kube-apiserver "$fp"; then log "kubernetes $KUBERNETES_VERSION: up to date"; return; fi
  log "building kube-apiserver, kube-controller-manager, kube-scheduler, kubectl $KUBERNETES_VERSION"
  local v=k8s.io/component-base/version
  (cd "$SHIMS/cluster" && timed cluster go build \
    -ldflags "-s -w -X $v.gitVersion=$KUBERNETES_VERSION -X $v.gitMajor=1 -X $v.gitMinor=${minor%%.*}" \
    -o "$BIN/" k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
    k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl)
  echo "$fp" > "$BIN/.kube-apiserver.stamp"
}

build_kwok() {
  local fp; fp="$(fingerprint kwok "$KWOK_VERSION" "$SHIMS/kwok")"
  if up_to_date kwok "$fp"; then log "kwok $KWOK_VERSION: up to date"; return; fi
  log "building kwok $KWOK_VERSION"
  (cd "$SHIMS/kwok" && timed kwok go build -ldflags "-s -w" -o "$BIN/kwok" sigs.k8s.io/kwok/cmd/kwok)
  # kwok does nothing without Stage objects: take upstream's "fast" node and pod
  # lifecycles and the lease heartbeat from the module cache, as kwokctl does.
  local mod stages="$BIN/kwok-stages"
  mod="$(cd "$SHIMS/kwok" && go mod download -json "sigs.k8s.io/kwok@$KWOK_VERSION" \
    | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
  rm -rf "$stages"; mkdir -p "$stages"
  cp "$mod/kustomize/stage/node/fast/node-initialize.yaml" \
    "$mod/kustomize/stage/node/heartbeat-with-lease/node-heartbeat-with-lease.yaml" \
    "$mod"/kustomize/stage/pod/fast/pod-*.yaml "$stages/"
  chmod u+w "$stages"/*
  echo "$fp" > "$BIN/.kwok.stamp"
}

# The sdk/v3 version stamp every upstream Go language host reports (GetPluginInfo).
SDK_VERSION_VAR=github.com/pulumi/pulumi/sdk/v3/go/common/version.Version

build_language_nodejs() {
  local fp
  fp="$(fingerprint language-nodejs "$NODEJS_LEGACY_VERSION" "$SHIMS/language-nodejs" "$SHIMS/language-nodejs-legacy")"
  if up_to_date pulumi-language-nodejs "$fp" && [ -x "$BIN/pulumi-language-nodejs-v3.68" ]; then
    log "pulumi-language-nodejs (+ $NODEJS_LEGACY_VERSION): up to date"; return
  fi
  log "building pulumi-language-nodejs-v3.68 ($NODEJS_LEGACY_VERSION) and our pulumi-language-nodejs"
  (cd "$SHIMS/language-nodejs-legacy" && timed language-nodejs-v3.68 go build \
    -ldflags "-s -w -X $SDK_VERSION_VAR=$NODEJS_LEGACY_VERSION" \
    -o "$BIN/pulumi-language-nodejs-v3.68" github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs)
  (cd "$SHIMS/language-nodejs" && timed language-nodejs go build -ldflags "-s -w" \
    -o "$BIN/pulumi-language-nodejs" .)
  echo "$fp" > "$BIN/.pulumi-language-nodejs.stamp"
}

build_language_python() {
  local fp
  fp="$(fingerprint language-python "$PYTHON_HOST_VERSION" "$SHIMS/language-python" "$SHIMS/language-python-legacy")"
  if up_to_date pulumi-language-python "$fp" && [ -x "$BIN/pulumi-language-python-v3.79" ] \
    && [ -x "$BIN/pulumi-language-python-exec" ]; then
    log "pulumi-language-python (+ $PYTHON_HOST_VERSION): up to date"; return
  fi
  log "building pulumi-language-python-v3.79 ($PYTHON_HOST_VERSION) and our pulumi-language-python"
  (cd "$SHIMS/language-python-legacy" && timed language-python-v3.79 go build \
    -ldflags "-s -w -X $SDK_VERSION_VAR=$PYTHON_HOST_VERSION" \
    -o "$BIN/pulumi-language-python-v3.79" github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python)
  # The v3.79 host runs programs through this script, which must sit next to it (upstream ships both).
  local mod
  mod="$(cd "$SHIMS/language-python-legacy" && go mod download -json "github.com/pulumi/pulumi/sdk/v3@$PYTHON_HOST_VERSION" \
    | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
  install -m 755 "$mod/python/cmd/pulumi-language-python-exec" "$BIN/pulumi-language-python-exec"
  (cd "$SHIMS/language-python" && timed language-python go build -ldflags "-s -w" \
    -o "$BIN/pulumi-language-python" .)
  echo "$fp" > "$BIN/.pulumi-language-python.stamp"
}

build_language_yaml() {
  local fp; fp="$(fingerprint language-yaml "$YAML_VERSION" "$SHIMS/language-yaml")"
  if up_to_date pulumi-language-yaml "$fp"; then log "pulumi-language-yaml $YAML_VERSION: up to date"; return; fi
  log "building pulumi-language-yaml $YAML_VERSION"
  (cd "$SHIMS/language-yaml" && timed language-yaml go build \
    -ldflags "-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=$YAML_VERSION" \
    -o "$BIN/pulumi-language-yaml" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml)
  echo "$fp" > "$BIN/.pulumi-language-yaml.stamp"
}

# Helm is no dependency of ours: bench/engine measures `helm install/upgrade/uninstall --wait` of a chart made of
# our rendered objects beside `pulumi up`, as the yardstick users compare us with.
build_helm() {
  local fp; fp="$(fingerprint helm "$HELM_VERSION" "$SHIMS/helm")"
  if up_to_date helm "$fp"; then log "helm $HELM_VERSION: up to date"; return; fi
  log "building helm $HELM_VERSION"
  # The version stamp Helm's own Makefile sets (helm version, and the chart API's Capabilities.HelmVersion).
  (cd "$SHIMS/helm" && timed helm go build \
    -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION" \
    -o "$BIN/helm" helm.sh/helm/v3/cmd/helm)
  echo "$fp" > "$BIN/.helm.stamp"
}

# etcd v3.6 in bin/: from 3.4.31 and 3.5.13 on, the API server can ask etcd for watch progress, which it needs to
# serve watch streams; kwok v0.8.0's client asks for them, and against Debian's 3.4.23 saw new pods only at its next
# relist (scripts/e2e-toolchain/README.md, "The local cluster").
build_etcd() {
  local fp; fp="$(fingerprint etcd "$ETCD_VERSION" "$SHIMS/etcd")"
  if up_to_date etcd "$fp"; then log "etcd $ETCD_VERSION: up to date"; return; fi
  log "building etcd $ETCD_VERSION"
  (cd "$SHIMS/etcd" && timed etcd go build -ldflags "-s -w" -o "$BIN/etcd" .)
  echo "$fp" > "$BIN/.etcd.stamp"
}

install_etcd() {
  if command -v etcd >/dev/null; then log "etcd: $(etcd --version | head -1)"; return; fi
  log "installing Debian's etcd-server"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends etcd-server >&2
}

total_start=$SECONDS
wanted pulumi && build_pulumi
wanted kubernetes && build_kubernetes
wanted tls && build_bridged tls "$TLS_VERSION"
wanted random && build_bridged random "$RANDOM_VERSION"
wanted cluster && build_cluster
wanted kwok && build_kwok
wanted etcd && install_etcd
wanted etcd-v3.6 && build_etcd
wanted language-nodejs && build_language_nodejs
wanted language-python && build_language_python
wanted language-yaml && build_language_yaml
wanted helm && build_helm
log "done in $((SECONDS - total_start)) s; add to PATH: $BIN"
ls -l "$BIN" >&2
