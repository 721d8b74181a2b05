// What pyos 1.x needs to start, in our own terms, derived from its start-up code (settings.init(), services.init(),
// init_dock(), update_locator(), build_applist()) of the two builds the pinned oc.pyos tags most likely hold:
// main at e0e7a66 (2021-10, oc.pyos:1.0) and main at 692d336 (2022-09, oc.pyos:1.1). Our od.config is read by
// CherryPy, pyos's reader, and held to each requirement for every configuration below.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { AbcdesktopArgs } from "../components/args";
import { LDAP_BIND_PASSWORD_ENV } from "../components/pyos/environment";
import { dockerSocketGuard } from "../components/pyos/dockerSocketGuard";
import { readOdConfig } from "./support/odConfigReader";
import { deployPlatform, find, podTemplate } from "./support/platform";

/**
 * The icons under pyos's `img/app/` in both builds (`git ls-tree` of e0e7a66 and 692d336; the 2022-04-08 clean-up
 * removed the others, pantheon-files-icons.svg among them). From 2022-03-11 on, pyos opens every dock icon at start.
 */
const ICONS_IN_EVERY_BUILD = [
    "application-default-icon.svg",
    "firefox.svg",
    "libreoffice-writer.svg",
    "mailios.svg",
    "pantheon-terminal-builtin-icons.svg",
    "webshell.svg",
];

const LDAP = { url: "ldap://ldap.example.com", baseDn: "dc=example,dc=com", bindDn: "cn=pyos,dc=example,dc=com", bindPassword: "bind" };

const CONFIGURATIONS: [string, AbcdesktopArgs][] = [
    ["the defaults (anonymous login only)", {}],
    ["an LDAP directory and no anonymous login (as in production)", { auth: { anonymous: false, ldap: LDAP } }],
    ["the demo directory", { openldap: { enabled: true } }],
    [
        "home directories on the claim, printer and sound on",
        { desktop: { homeDirectory: { type: "persistentVolumeClaim" }, printer: { enabled: true }, sound: { enabled: true } } },
    ],
];

type Dict = Record<string, unknown>;
const isDict = (value: unknown): value is Dict => typeof value === "object" && value !== null && !Array.isArray(value);

for (const [label, args] of CONFIGURATIONS) {
    describe(`pyos 1.x starts with the od.config of ${label}`, () => {
        let text: string;
        let global: Dict;
        let sections: Record<string, Dict>;
        it("is a CherryPy config of more than 64 bytes with [global] and the [/] section pyos mounts its API on", async () => {
            const platform = await deployPlatform(args);
            text = (find(platform.manifests, "ConfigMap", "abcdesktop-config").data as Record<string, string>)["od.config"];
            assert.ok(Buffer.byteLength(text) > 64);
            sections = readOdConfig(text, { [LDAP_BIND_PASSWORD_ENV]: "bind" }).sections;
            global = sections["global"];
            assert.ok(isDict(global), "[global]");
            assert.ok(isDict(sections["/"]), "[/]: od.py sets config['/']['request.dispatch']");
        });

        it("declares the explicit manager, which update_locator reads whatever the login methods", () => {
            const managers = global["authmanagers"];
            assert.ok(isDict(managers));
            assert.ok(isDict(managers["explicit"]), `authmanagers: ${JSON.stringify(Object.keys(managers))}`);
            assert.notEqual(managers["explicit"]["enabled"], false);
            for (const [name, manager] of Object.entries(managers)) {
                assert.ok(isDict(manager), name);
                if (manager["providers"] !== undefined) assert.ok(isDict(manager["providers"]), `${name}.providers`);
                for (const provider of Object.values((manager["providers"] as Dict | undefined) ?? {})) {
                    const ref = (provider as Dict)["config_ref"];
                    if (ref === undefined) continue;
                    // settings.init_config_auth takes the first value of the dict the reference names.
                    const referenced = global[String(ref)];
                    assert.ok(isDict(referenced) && isDict(Object.values(referenced)[0]), `config_ref ${String(ref)}`);
                }
            }
        });

        it("names only dock icons that every candidate pyos build has in img/app", () => {
            const dock = global["dock"];
            assert.ok(isDict(dock));
            for (const [name, entry] of Object.entries(dock)) {
                assert.ok(isDict(entry), name);
                assert.ok(
                    ICONS_IN_EVERY_BUILD.includes(String(entry["icon"])),
                    `dock ${name}: icon ${String(entry["icon"])} is not in img/app`,
                );
            }
        });

        it("has the values start-up code dereferences, of the types it expects", () => {
            assert.equal(typeof global["default_host_url"], "string");
            assert.ok(["kubernetes", "standalone"].includes(String(global["stack.mode"])));
            assert.ok(["bridge", "default_host_url", "host", "http_origin"].includes(String(global["websocketrouting"] ?? "http_origin")));
            assert.ok(isDict(global["desktop.envlocal"]));
            assert.ok(isDict(global["desktop.host_config"]));
            assert.equal(typeof (global["desktop.host_config"] as Dict)["mem_limit"], "string");
        });
    });
}

describe("the JWT key files and the Docker Engine socket pyos opens at start", () => {
    it("mounts every key file od.config names at the path it names", async () => {
        const platform = await deployPlatform({});
        const text = (find(platform.manifests, "ConfigMap", "abcdesktop-config").data as Record<string, string>)["od.config"];
        const global = readOdConfig(text).sections["global"];
        const files = [...Object.values(global["jwt_token_user"] as Dict), ...Object.values(global["jwt_token_desktop"] as Dict)].filter(
            (value): value is string => typeof value === "string",
        );
        assert.equal(files.length, 5);
        const pod = podTemplate(find(platform.manifests, "DaemonSet", "daemonset-pyos")).spec;
        const container = pod.containers.find((c) => c.name === "pyos")!;
        for (const file of files) {
            const mount = container.volumeMounts!.find((m) => file.startsWith(`${m.mountPath}/`));
            assert.ok(mount, `${file} is not under a mount`);
            const secret = pod.volumes!.find((v) => v.name === mount.name)!.secret!.secretName;
            const keys = Object.keys(find(platform.manifests, "Secret", secret).stringData as Dict);
            assert.ok(keys.includes(file.slice(mount.mountPath.length + 1)), `${file} is not a key of Secret ${secret}`);
        }
    });

    it("gives pyos the node's Docker Engine socket by default: build_applist asks the Docker API at start", async () => {
        const pod = podTemplate(find((await deployPlatform({})).manifests, "DaemonSet", "daemonset-pyos")).spec as unknown as {
            containers: { name: string; command: string[]; volumeMounts: { name: string; mountPath: string; readOnly?: boolean }[] }[];
            volumes: { name: string; hostPath?: { path: string; type: string } }[];
        };
        const container = pod.containers.find((c) => c.name === "pyos")!;
        const nodeRun = pod.volumes.find((v) => v.hostPath?.path === "/var/run");
        assert.ok(nodeRun, "the node's /var/run is mounted");
        assert.equal(nodeRun.hostPath!.type, "Directory", "no socket or directory is ever created on the node");
        assert.equal(container.volumeMounts.find((m) => m.name === nodeRun.name)!.readOnly, true);
        assert.deepEqual(container.command.slice(0, 2), ["/bin/sh", "-c"]);
        assert.match(container.command[2], /exec \/var\/pyos\/od\.py$/);
    });

    it("with mountDockerSocket off, mounts nothing of the node and runs od.py as upstream", async () => {
        const pod = podTemplate(
            find((await deployPlatform({ pyos: { mountDockerSocket: false } })).manifests, "DaemonSet", "daemonset-pyos"),
        ).spec;
        const container = pod.containers.find((c) => c.name === "pyos") as unknown as { command: string[] };
        assert.deepEqual(container.command, ["/var/pyos/od.py"]);
        assert.ok(!(pod.volumes ?? []).some((v) => (v as { hostPath?: unknown }).hostPath), "no hostPath volume");
    });
});

describe("the Docker Engine guard, run by a real shell", () => {
    const run = (socketPresent: boolean) => {
        const dir = mkdtempSync(join(tmpdir(), "docker-guard-"));
        const paths = {
            nodeSocket: join(dir, "node", "docker.sock"),
            containerSocket: join(dir, "docker.sock"),
            terminationLog: join(dir, "termination-log"),
        };
        return { dir, paths, socketPresent };
    };

    it("links the node's socket where pyos's Docker client looks, then starts pyos in its place", async () => {
        const { dir, paths } = run(true);
        try {
            execFileSync("mkdir", ["-p", join(dir, "node")]);
            const server = createServer();
            await new Promise<void>((resolve) => server.listen(paths.nodeSocket, resolve));
            const script = dockerSocketGuard({ ...paths, start: `echo started with $(readlink ${paths.containerSocket})` });
            const output = execFileSync("sh", ["-c", script], { encoding: "utf8", env: { ...process.env, NODE_NAME: "node-1" } });
            server.close();
            assert.equal(output.trim(), `started with ${paths.nodeSocket}`);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it("without Docker Engine on the node, stops with a message that names the node and the way out", () => {
        const { dir, paths } = run(false);
        try {
            writeFileSync(paths.terminationLog, "");
            const script = dockerSocketGuard({ ...paths, start: "echo started" });
            let failure: { status: number; stderr: string } | undefined;
            try {
                execFileSync("sh", ["-c", script], { encoding: "utf8", env: { ...process.env, NODE_NAME: "node-1" }, stdio: "pipe" });
            } catch (error) {
                failure = error as { status: number; stderr: string };
            }
            assert.ok(failure, "the guard must fail");
            assert.equal(failure.status, 1);
            const message = execFileSync("cat", [paths.terminationLog], { encoding: "utf8" });
            assert.match(message, /node node-1 has no Docker Engine socket/);
            assert.match(message, /release 1\.0 needs Docker Engine on every node/);
            assert.match(failure.stderr, /node node-1 has no Docker Engine socket/);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
