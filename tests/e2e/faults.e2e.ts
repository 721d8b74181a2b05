// When things go wrong during `pulumi up` (issue 16), on a real API server through the `pulumi` command line: a first
// install stopped with Ctrl-C and killed, Pod Security Admission, objects edited or deleted behind Pulumi's back, a
// workload that never becomes ready, two runs on one stack at once, an update stopped with Ctrl-C or killed, and the
// API server and etcd restarted under an update. README's Troubleshooting blocks are run as written. Release 4.4
// (Pulumi.release-4.4.yaml) is the stack under test. Every scenario ends with `assertConverged`: the cluster holds
// exactly the state's objects, MongoDB's claim and the JWT keys survived, a preview finds nothing to do, and the
// exported state has no secret in clear text.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { POD_SECURITY_ENFORCE_LABEL } from "../../components/shared/podSecurity";
import { cliProject, copyRepository } from "./cliProject";
import { listableKinds } from "./clusterObjects";
import { assertConverged, jwtKeys, StackUnderTest, Survivors, survivors } from "./convergence";
import { KubernetesObject, startLocalCluster, UNPULLABLE_TAG, waitFor } from "./localCluster";
import { nonInteractive, readmeCommands } from "./readmeCommands";
import { ENGINE_BINARIES, missingBinaries, toolchainBin } from "./toolchain";

const STACK = "release-4.4";
const NAMESPACE = "abcdesktop-44";

/** A Deployment or StatefulSet, with what its readiness reads. */
interface Workload extends KubernetesObject {
    spec: { replicas?: number; template: { spec: { containers: { name: string; image: string }[] } } };
    status: { readyReplicas?: number };
}

describe("faults during `pulumi up` on a real Kubernetes API server", { timeout: 45 * 60 * 1000 }, () => {
    let root: string;
    let target: StackUnderTest;
    /** What must survive each scenario, taken on the healthy stack. */
    let healthy: Survivors;

    const kubectl = (args: string[]) => target.cluster.kubectl(args);
    const withLogs = (message: string) => `${message}\n${target.cluster.logTails()}`;
    const up = async () => {
        try {
            return await target.project.pulumi(["up", "--yes", "--stack", STACK]);
        } catch (error) {
            throw new Error(withLogs(String(error)), { cause: error });
        }
    };
    const workload = (kind: string, name: string) => target.cluster.kubectlObject<Workload>(["get", kind, name, "-n", NAMESPACE]);
    const workloads = () => target.cluster.kubectlItems<Workload>(["get", "deployments,statefulsets", "-n", NAMESPACE]);

    before(async () => {
        assert.deepEqual(
            missingBinaries([...ENGINE_BINARIES, "pulumi-language-nodejs"]),
            [],
            `the toolchain is not built: run scripts/e2e-toolchain.sh (${toolchainBin()})`,
        );
        root = mkdtempSync(join(tmpdir(), "abcdesktop-faults-e2e-"));
        const cluster = await startLocalCluster(join(root, "cluster"));
        cluster.provideDisk("e2e-disk-faults", "20Gi");
        copyRepository(join(root, "project"));
        const project = cliProject(join(root, "project"), join(root, "home"), cluster.kubeconfig);
        target = { cluster, project, stack: STACK, namespace: NAMESPACE, kinds: listableKinds(cluster) };
        await project.pulumi(["login", "--local"]);
        await project.pulumi(["stack", "select", "--create", STACK]);
    });

    after(async () => {
        await target?.cluster.stop();
        if (root) rmSync(root, { recursive: true, force: true });
    });

    /** Runs a README block's commands as written (with --yes), on the selected stack as a user's shell has it. */
    const readmeBlock = async (block: string) => {
        for (const command of readmeCommands(block)) {
            try {
                await target.project.shell(nonInteractive(command));
            } catch (error) {
                throw new Error(withLogs(`README's \`${command}\` failed: ${String(error)}`), { cause: error });
            }
        }
    };

    /** Starts `pulumi up` and resolves, with the process, once its output so far satisfies `reached`. */
    const upUntil = async (reached: RegExp | ((output: string) => boolean)) => {
        const test = typeof reached === "function" ? reached : (text: string) => reached.test(text);
        const child = target.project.start(["up", "--yes", "--stack", STACK]);
        const output = { text: "" };
        const done = new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? 1)));
        child.stderr?.on("data", (chunk: Buffer) => (output.text += chunk.toString()));
        await new Promise<void>((resolve, reject) => {
            child.stdout?.on("data", (chunk: Buffer) => {
                output.text += chunk.toString();
                if (test(output.text)) resolve();
            });
            void done.then(() => reject(new Error(`pulumi up ended before ${String(reached)}:\n${output.text}`)));
        });
        return { child, done, output };
    };

    /** How many objects a run's output says it created so far. */
    const createdSoFar = (output: string) => output.match(/ created \(/g)?.length ?? 0;

    describe("pulumi up interrupted during the first install", () => {
        it("stops on Ctrl-C, and after a kill `npm run recover` and `pulumi up` finish the install", async () => {
            await target.project.pulumi(["config", "set", "--stack", STACK, "podSecurity", "baseline"]);
            // Early: a few objects (the namespace, keys, Secrets) exist, the workloads not yet.
            const early = await upUntil((output) => createdSoFar(output) >= 3);
            early.child.kill("SIGINT");
            assert.notEqual(await early.done, 0, `the first run stopped before it finished:\n${early.output.text}`);

            // Later: the next run, unlocked by Ctrl-C, is killed while it creates MongoDB's StatefulSet, so the
            // cluster holds objects whose creation the state never recorded.
            const late = await upUntil(/StatefulSet \S+ creating/);
            late.child.kill("SIGKILL");
            await late.done;
            await readmeBlock("recover-commands");

            // Only now is there a platform whose data and keys later scenarios must keep.
            healthy = survivors(target);
            await assertConverged(target, healthy);
        });
    });

    describe("Pod Security Admission", () => {
        it("admitted every pod of release 4.4 in the namespace, which enforces baseline as podSecurity says", () => {
            const namespace = target.cluster.kubectlObject(["get", "namespace", NAMESPACE]);
            assert.equal(namespace.metadata.labels?.[POD_SECURITY_ENFORCE_LABEL], "baseline");
            const refused = target.cluster
                .kubectlItems<KubernetesObject & { reason: string; message: string }>(["get", "events", "-n", NAMESPACE])
                .filter((event) => event.reason === "FailedCreate")
                .map((event) => event.message);
            assert.deepEqual(refused, [], "pods the API server refused to create");
            const names = workloads().map((w) => `${w.kind}/${w.metadata.name}`);
            assert.ok(names.length >= 8, names.join(", "));
            for (const w of workloads()) {
                assert.equal(w.status.readyReplicas, w.spec.replicas ?? 1, withLogs(`${w.kind}/${w.metadata.name} has its pods`));
            }
        });

        it("would refuse every running pod under restricted, as the API server says: upstream's images run as root", () => {
            // A server-side dry run of the label: the API server checks the namespace's pods against the level and
            // answers with warnings, changing nothing.
            const result = target.cluster.kubectlResult([
                "label",
                "--dry-run=server",
                "--overwrite",
                "namespace",
                NAMESPACE,
                `${POD_SECURITY_ENFORCE_LABEL}=restricted`,
            ]);
            assert.equal(result.code, 0, result.stderr);
            assert.match(
                result.stderr,
                /existing pods in namespace "abcdesktop-44" violate the new PodSecurity enforce level "restricted:latest"/,
            );
            assert.match(result.stderr, /runAsNonRoot != true/);
            assert.match(result.stderr, /unrestricted capabilities/);
            const namespace = target.cluster.kubectlObject(["get", "namespace", NAMESPACE]);
            assert.equal(namespace.metadata.labels?.[POD_SECURITY_ENFORCE_LABEL], "baseline", "the dry run changed nothing");
        });
    });

    describe("Pod Security Admission for release 1.0, the dev stack's objects checked by the API server", () => {
        /** The API server's PodSecurity warnings for the dev stack's objects in namespace abcdesktop at `level`. */
        const devWarnings = async (level: string, renderArgs = "") => {
            const manifests = join(root, "dev.yaml");
            await target.project.shell(`npm run --silent render -- --stack dev ${renderArgs} --out ${manifests}`);
            target.cluster.kubectl(["create", "namespace", "abcdesktop"]);
            try {
                target.cluster.kubectl(["label", "namespace", "abcdesktop", `${POD_SECURITY_ENFORCE_LABEL}=${level}`]);
                // A server-side dry run: admission runs on every object, nothing is stored.
                const result = target.cluster.kubectlResult(["apply", "--dry-run=server", "-f", manifests]);
                assert.equal(result.code, 0, result.stderr);
                return result.stderr.split("\n").filter((line) => line.includes("PodSecurity"));
            } finally {
                target.cluster.kubectl(["delete", "namespace", "abcdesktop", "--wait=false"]);
                // The next check creates it again: a namespace still terminating would refuse that.
                await waitFor(
                    "namespace abcdesktop deleted",
                    () => target.cluster.kubectlResult(["get", "namespace", "abcdesktop"]).code !== 0,
                    120_000,
                    target.cluster.logTails,
                );
            }
        };

        it("would refuse only daemonset-pyos under baseline, for the Docker socket it mounts: why podSecurity refuses baseline on 1.0", async () => {
            assert.deepEqual(await devWarnings("baseline"), [
                'Warning: would violate PodSecurity "baseline:latest": hostPath volumes (volume "node-run")',
            ]);
        });

        it("would admit every pod of 1.0 under baseline once pyos does not mount the Docker socket", async () => {
            assert.deepEqual(await devWarnings("baseline", "--path --config pyos.mountDockerSocket=false"), []);
        });
    });

    describe("drift: objects edited and deleted with kubectl", () => {
        it("reports every change on `pulumi refresh`, and `pulumi up` puts back what the stack sets, with the keys from the state", async () => {
            const memcached = workload("deployment", "memcached-od");
            const speedtestImage = workload("deployment", "speedtest-od").spec.template.spec.containers[0].image;
            kubectl(["scale", "deployment", "memcached-od", "-n", NAMESPACE, "--replicas=3"]);
            kubectl(["set", "image", "deployment/speedtest-od", "-n", NAMESPACE, "speedtest=registry.invalid/speedtest:drifted"]);
            kubectl(["delete", "service", "speedtest", "-n", NAMESPACE]);
            kubectl(["delete", "secret", "abcdesktopjwtdesktopsigning", "-n", NAMESPACE]);
            // A field the stack does not set, on an object it does: the provider takes over what kubectl wrote on it.
            kubectl(["annotate", "deployment", "memcached-od", "-n", NAMESPACE, "team.example.com/owner=desktops"]);

            const refresh = await target.project.pulumi(["refresh", "--yes", "--stack", STACK]);
            // One line per resource the refresh found changed (`~`) or gone (`-`), by its Pulumi name.
            const reported = (marker: string, name: string) =>
                refresh.stdout.split("\n").some((line) => line.trimStart().startsWith(marker) && line.includes(name));
            assert.ok(reported("~", "memcached-od"), `refresh reports the scaled Deployment:\n${refresh.stdout}`);
            assert.ok(reported("~", "speedtest-od"), `refresh reports the re-imaged Deployment:\n${refresh.stdout}`);
            assert.ok(reported("-", "speedtest"), `refresh reports the deleted Service:\n${refresh.stdout}`);
            assert.ok(reported("-", "abcdesktopjwtdesktopsigning"), `refresh reports the deleted Secret:\n${refresh.stdout}`);

            // The stack owns its objects: kubectl's edits of them are undone by a plain `pulumi up`.
            await readmeBlock("drift-commands");
            assert.equal(workload("deployment", "memcached-od").spec.replicas, memcached.spec.replicas, "replicas as the stack says");
            assert.equal(workload("deployment", "memcached-od").metadata.annotations?.["team.example.com/owner"], undefined);
            assert.equal(workload("deployment", "speedtest-od").spec.template.spec.containers[0].image, speedtestImage);
            await assertConverged(target, healthy);
        });
    });

    describe("a workload that never becomes ready: an image tag no registry has", () => {
        /** Every workload's generation and every pod's uid, but those of `except`: what a failed rollout must not move. */
        const rollouts = (except: string) => ({
            workloads: workloads()
                .filter((w) => w.metadata.name !== except)
                .map((w) => `${w.kind}/${w.metadata.name} generation ${w.metadata.generation}`),
            pods: kubectl(["get", "pods", "-n", NAMESPACE, "-o", 'jsonpath={range .items[*]}{.metadata.name} {.metadata.uid}{"\\n"}{end}'])
                .split("\n")
                .filter((line) => line && !line.startsWith(`${except}-`))
                .sort(),
        });

        it("fails `pulumi up` after readinessTimeoutSeconds, naming the workload and the reason; README's fix converges", async () => {
            const untouched = rollouts("speedtest-od");
            await target.project.pulumi(["config", "set", "--stack", STACK, "readinessTimeoutSeconds", "45"]);
            await target.project.pulumi(["config", "set", "--stack", STACK, "--path", "speedtest.image.tag", UNPULLABLE_TAG]);
            const started = Date.now();
            const failed = await target.project.pulumi(["up", "--yes", "--stack", STACK], { allowFailure: true });
            const waited = Date.now() - started;
            assert.notEqual(failed.code, 0, "the update failed");
            assert.match(
                failed.stdout,
                /"abcdesktop-44\/speedtest-od" failed to fully initialize or become live: 'speedtest-od' timed out waiting to be Ready/,
            );
            // The kubelet alternates the two while it retries; the error gives the pod's latest.
            assert.match(
                failed.stdout,
                new RegExp(
                    `\\[Pod abcdesktop-44/speedtest-od-[^\\]]+\\]: containers with unready status: \\[speedtest\\]\\[(ImagePullBackOff|ErrImagePull)\\] [^\\n]*:${UNPULLABLE_TAG}`,
                ),
            );
            // The provider's own wait would be ten minutes; the setting's is 45 s, plus the rest of the run.
            assert.ok(waited < 300_000, `pulumi up gave up after ${waited} ms`);
            assert.equal(workload("deployment", "speedtest-od").status.readyReplicas, 1, "the old pod still serves the bandwidth test");
            assert.deepEqual(rollouts("speedtest-od"), untouched, "no other workload moved");

            await readmeBlock("readiness-commands");
            assert.deepEqual(rollouts("speedtest-od"), untouched, "the fix moved no other workload either");
            assert.equal(
                workload("deployment", "speedtest-od").spec.template.spec.containers[0].image.endsWith(`:${UNPULLABLE_TAG}`),
                false,
            );
            await assertConverged(target, healthy);
        });
    });

    describe("two runs on one stack at once", () => {
        it("refuses the second `pulumi up` by the backend's lock while the first rotates the keys, and the first completes", async () => {
            await target.project.pulumi(["config", "set", "--stack", STACK, "--path", "jwtKeys.rotation", "1"]);
            // The lock is taken before the update starts; the rotation then rolls the router and pyos, which lasts.
            const first = await upUntil(/Updating \(/);
            const second = await target.project.pulumi(["up", "--yes", "--stack", STACK], { allowFailure: true });
            assert.notEqual(second.code, 0, "the second up was refused");
            assert.match(second.stdout + second.stderr, /the stack is currently locked/);
            assert.equal(await first.done, 0, withLogs(`the first up completed:\n${first.output.text}`));
            await assertConverged(target, healthy, { keysRotated: true });
            healthy = { ...healthy, jwtKeys: jwtKeys(target) };
        });
    });

    describe("pulumi up interrupted with Ctrl-C during an update", () => {
        it("stops, unlocked, and the next `pulumi up` converges", async () => {
            await target.project.pulumi(["config", "set", "--stack", STACK, "--path", "jwtKeys.rotation", "2"]);
            const run = await upUntil(/ updating \(/);
            run.child.kill("SIGINT");
            assert.notEqual(await run.done, 0, `the run stopped before it finished:\n${run.output.text}`);
            await up();
            await assertConverged(target, healthy, { keysRotated: true });
            healthy = { ...healthy, jwtKeys: jwtKeys(target) };
        });
    });

    describe("pulumi up killed during an update", () => {
        it("leaves the stack locked; `npm run recover` then `pulumi up` converge, with the keys the update was making", async () => {
            await target.project.pulumi(["config", "set", "--stack", STACK, "--path", "jwtKeys.rotation", "3"]);
            const run = await upUntil(/ updating \(/);
            // The CLI alone, as `kill -9 <pid>` does: its plugins lose their engine and exit.
            run.child.kill("SIGKILL");
            await run.done;

            const locked = await target.project.pulumi(["up", "--yes", "--stack", STACK], { allowFailure: true });
            assert.notEqual(locked.code, 0, "the killed run's lock stays");
            assert.match(locked.stdout + locked.stderr, /the stack is currently locked/);

            await readmeBlock("recover-commands");
            await assertConverged(target, healthy, { keysRotated: true });
            healthy = { ...healthy, jwtKeys: jwtKeys(target) };
        });
    });

    // Each restart cuts the API server off while an update rolls the router and pyos: requests in flight fail, or the
    // provider's client retries them. Either way the user's next `pulumi up` converges.
    const restarts = [
        { component: "kube-apiserver", signal: "SIGKILL", rotation: "4" },
        { component: "etcd", signal: "SIGTERM", rotation: "5" },
    ] as const;
    for (const { component, signal, rotation } of restarts) {
        describe(`${component} restarted while pulumi up runs`, () => {
            it("ends the run, failed or not, and the next `pulumi up` converges with the keys the run was making", async (t) => {
                await target.project.pulumi(["config", "set", "--stack", STACK, "--path", "jwtKeys.rotation", rotation]);
                const run = await upUntil(/ updating \(/);
                await target.cluster.restart(component, signal, 5_000);
                const code = await run.done;
                t.diagnostic(`the run during the ${component} restart (${signal}) exited ${code}`);
                await up();
                await assertConverged(target, healthy, { keysRotated: true });
                healthy = { ...healthy, jwtKeys: jwtKeys(target) };
            });
        });
    }
});
