// The CustomResourceDefinitions that `exposure.type: gateway` and `exposure.tls.issuer` create objects of: the
// Gateway API's standard channel and cert-manager's Certificate, as their projects publish them inside their Go
// modules. The Go module proxy serves those modules (nothing else reaches the internet here), so `go mod download`
// brings them into the module cache at test time; nothing of theirs is kept in this repository.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Module, version and the CRD files inside it. */
const CRD_SOURCES: { module: string; version: string; files: string[] }[] = [
    {
        module: "sigs.k8s.io/gateway-api",
        // The newest that builds with this machine's Go (v1.7.0 needs a newer one): HTTPRoute timeouts are standard since v1.2.
        version: "v1.6.3",
        files: ["gatewayclasses", "gateways", "httproutes", "referencegrants"].map(
            (kind) => `config/crd/standard/gateway.networking.k8s.io_${kind}.yaml`,
        ),
    },
    {
        module: "github.com/cert-manager/cert-manager",
        version: "v1.19.1",
        files: ["deploy/crds/cert-manager.io_certificates.yaml"],
    },
];

/** Where the Go command put one module version (downloaded from the module proxy when missing). */
function moduleDir(module: string, version: string): string {
    const run = spawnSync("go", ["mod", "download", "-json", `${module}@${version}`], { encoding: "utf8" });
    if (run.error) throw new Error(`cannot run go (${run.error.message}): the e2e toolchain needs Go (scripts/e2e-toolchain/README.md)`);
    const answer = JSON.parse(run.stdout || "{}") as { Dir?: string; Error?: string };
    if (run.status !== 0 || !answer.Dir) throw new Error(`go mod download ${module}@${version}: ${answer.Error ?? run.stderr}`);
    return answer.Dir;
}

/** Every CRD manifest, as text to `kubectl apply`. */
export function frontDoorCrdManifests(): string[] {
    return CRD_SOURCES.flatMap(({ module, version, files }) => {
        const dir = moduleDir(module, version);
        return files.map((file) => readFileSync(join(dir, file), "utf8"));
    });
}
