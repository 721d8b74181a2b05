// The checks every fault scenario ends with: whatever went wrong, the stack and the cluster agree again, and the
// data and keys users depend on survived it.
import assert from "node:assert/strict";
import { JWT_SECRETS } from "../../components/jwtKeys/jwtKeys";
import { CliProject, stateObjects } from "./cliProject";
import { everything, otherPulumiManagers, writtenByPulumi } from "./clusterObjects";
import { secretValues } from "./jwtKeySecrets";
import { KubernetesObject, LocalCluster } from "./localCluster";

/** A deployed stack as the scenarios see it. */
export interface StackUnderTest {
    cluster: LocalCluster;
    project: CliProject;
    stack: string;
    namespace: string;
    /** The kinds to list when comparing the cluster with the state (`listableKinds`). */
    kinds: string[];
}

/** What must outlive a fault: MongoDB's data claim and the JWT keys. */
export interface Survivors {
    claimUid: string;
    jwtKeys: Record<string, Record<string, string>>;
}

/** MongoDB's data claim: its StatefulSet's first pod's, whatever the release names the claim template. */
function dataClaim(target: StackUnderTest): KubernetesObject {
    const claims = target.cluster
        .kubectlItems(["get", "pvc", "-n", target.namespace])
        .filter((claim) => claim.metadata.name.endsWith("-mongodb-od-0"));
    assert.equal(claims.length, 1, `one MongoDB claim in ${target.namespace}: ${claims.map((c) => c.metadata.name).join(", ")}`);
    return claims[0];
}

/** A Secret of the stack's namespace, as text. */
export function liveSecret(target: StackUnderTest, name: string): Record<string, string> {
    return secretValues(target.cluster.kubectlObject(["get", "secret", name, "-n", target.namespace]));
}

/** The JWT key Secrets' content, by Secret name. */
export function jwtKeys(target: StackUnderTest): Record<string, Record<string, string>> {
    return Object.fromEntries(Object.values(JWT_SECRETS).map((spec) => [spec.secretName, liveSecret(target, spec.secretName)]));
}

/** Where in a JSON document a string holds `text`: the paths, never the text. */
function pathsHolding(document: unknown, text: string, path = "$"): string[] {
    if (typeof document === "string") return document.includes(text) ? [path] : [];
    if (Array.isArray(document)) return document.flatMap((item, i) => pathsHolding(item, text, `${path}[${i}]`));
    if (document && typeof document === "object") {
        return Object.entries(document).flatMap(([key, value]) => pathsHolding(value, text, `${path}.${key}`));
    }
    return [];
}

/** Pulumi's mark of a secret value in an exported state (sdk/go/common/resource/sig, `Secret`). */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** A value of `pulumi stack export --show-secrets` with every secret's plaintext put in its place. */
function revealed(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(revealed);
    if (value && typeof value === "object") {
        const object = value as Record<string, unknown>;
        if (SECRET_SIG in object && typeof object.plaintext === "string") return revealed(JSON.parse(object.plaintext));
        return Object.fromEntries(Object.entries(object).map(([key, v]) => [key, revealed(v)]));
    }
    return value;
}

/**
 * The Secrets of the state whose content in the cluster differs from what the state recorded, by name: after a run
 * cut short, the keys in use must be the ones the state will give every later run, not ones it never saw.
 */
async function secretsUnlikeTheState(target: StackUnderTest): Promise<string[]> {
    const exported = JSON.parse((await target.project.pulumi(["stack", "export", "--show-secrets", "--stack", target.stack])).stdout) as {
        deployment: { resources?: { type: string; outputs?: unknown }[] };
    };
    return (exported.deployment.resources ?? [])
        .filter((r) => r.type === "kubernetes:core/v1:Secret")
        .map((r) => revealed(r.outputs) as { metadata: { name: string }; data?: Record<string, string> })
        .filter((secret) => canonical(secretValues(secret)) !== canonical(liveSecret(target, secret.metadata.name)))
        .map((secret) => secret.metadata.name);
}

/** A Secret's values as one text, whatever the order of its keys. */
const canonical = (values: Record<string, string>) => JSON.stringify(Object.entries(values).sort(([a], [b]) => a.localeCompare(b)));

/** Takes note of what must survive, on a healthy stack, before the fault. */
export function survivors(target: StackUnderTest): Survivors {
    const claim = dataClaim(target);
    assert.ok(claim.metadata.uid, "MongoDB's claim has a uid");
    return { claimUid: claim.metadata.uid, jwtKeys: jwtKeys(target) };
}

/**
 * The stack has converged: the cluster holds exactly the state's objects, MongoDB's claim is the one from before,
 * the JWT keys are the same (unless a rotation was asked), every Secret holds what the state says, a preview finds nothing to do, and the exported state holds
 * no secret value in clear text.
 */
export async function assertConverged(target: StackUnderTest, before: Survivors, options: { keysRotated?: boolean } = {}): Promise<void> {
    const { cluster, project, stack } = target;
    const state = await project.state(stack);
    const inState = stateObjects(state);
    const now = everything(cluster, target.kinds);
    assert.deepEqual(
        inState.filter((key) => !now.has(key)),
        [],
        "objects in the state but not in the cluster (lost)",
    );
    assert.deepEqual(writtenByPulumi(now), inState, "objects Pulumi wrote are exactly the ones in the state (none orphaned)");
    assert.deepEqual(
        otherPulumiManagers(
            inState.map((key) => [key, now.get(key)!]),
            stack,
        ),
        [],
        "objects written by a Pulumi field manager other than the stack's",
    );

    assert.equal(dataClaim(target).metadata.uid, before.claimUid, "MongoDB's data claim is the same object");

    // Compared by name only: a failed deepEqual of the values would print the private keys.
    const keys = jwtKeys(target);
    const changed = Object.keys(before.jwtKeys).filter((name) => JSON.stringify(keys[name]) !== JSON.stringify(before.jwtKeys[name]));
    assert.deepEqual(changed, options.keysRotated ? Object.keys(before.jwtKeys) : [], "JWT key Secrets whose content changed");
    assert.deepEqual(await secretsUnlikeTheState(target), [], "Secrets whose content in the cluster is not the state's");

    await project.pulumi(["preview", "--expect-no-changes", "--stack", stack]);

    const exported = JSON.parse((await project.pulumi(["stack", "export", "--stack", stack])).stdout) as unknown;
    const secretNames = inState.filter((key) => key.startsWith("Secret/")).map((key) => key.split("/")[2]);
    const inClear = secretNames.flatMap((name) =>
        Object.entries(liveSecret(target, name))
            .filter(([, value]) => value.length >= 16)
            .flatMap(([entry, value]) => {
                const line = value.split("\n").find((l) => l.length > 20 && !l.startsWith("-----")) ?? value;
                return pathsHolding(exported, line).map((path) => `${name}.${entry} at ${path}`);
            }),
    );
    assert.deepEqual(inClear, [], "Secrets with a value in clear text in `pulumi stack export`");
}
