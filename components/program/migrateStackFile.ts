import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { isMap, parseDocument, Scalar } from "yaml";
import { migrateConfig } from "../migration";

export const MIGRATE_HELP = `Usage: npm run migrate-config -- --stack <name> [--dry-run]

Moves the settings of Pulumi.<name>.yaml from the keys of 0.1 (imagePullPolicy, nodePort, mongodbStorageSize,
images.pyos.tag, ...) to the settings blocks of 0.2 (registry.pullPolicy, exposure.nodePort, mongodb.storage.size,
pyos.image.tag, ...). Encrypted values move as they are: the stack's secrets provider decrypts them wherever they sit.
Prints each move; with --dry-run, writes nothing.`;

/** Runs the command; resolves to the exit code. */
export function runMigrateConfig(
    argv: string[],
    projectDir: string,
    io = { stdout: (t: string) => process.stdout.write(t), stderr: (t: string) => process.stderr.write(t) },
): number {
    let options;
    try {
        options = parseArgs({
            args: argv,
            options: {
                stack: { type: "string" },
                "dry-run": { type: "boolean", default: false },
                help: { type: "boolean", default: false },
            },
            strict: true,
        }).values;
    } catch (error) {
        io.stderr(`migrate-config: ${(error as Error).message}\n\n${MIGRATE_HELP}\n`);
        return 2;
    }
    if (options.help || !options.stack) {
        (options.help ? io.stdout : io.stderr)(`${MIGRATE_HELP}\n`);
        return options.help ? 0 : 2;
    }
    const project = (parseDocument(readFileSync(join(projectDir, "Pulumi.yaml"), "utf8")).toJS() as { name: string }).name;
    const path = join(projectDir, `Pulumi.${options.stack}.yaml`);
    if (!existsSync(path)) {
        io.stderr(`migrate-config: no Pulumi.${options.stack}.yaml in ${projectDir}\n`);
        return 2;
    }
    const document = parseDocument(readFileSync(path, "utf8"));
    const config = document.get("config");
    if (!isMap(config)) {
        io.stdout(`Pulumi.${options.stack}.yaml has no config: nothing to move\n`);
        return 0;
    }
    const prefix = `${project}:`;
    const ours: Record<string, unknown> = {};
    for (const pair of config.items) {
        const key = String((pair.key as Scalar).value);
        if (key.startsWith(prefix)) ours[key.slice(prefix.length)] = (pair.value as { toJSON(): unknown }).toJSON();
    }
    const { config: migrated, moves } = migrateConfig(ours);
    if (moves.length === 0) {
        io.stdout(`Pulumi.${options.stack}.yaml: already on 0.2's settings, nothing to move\n`);
        return 0;
    }
    for (const [from, to] of moves) io.stdout(`${prefix}${from} -> ${prefix}${to}\n`);
    if (options["dry-run"]) return 0;
    for (const key of Object.keys(ours)) config.delete(`${prefix}${key}`);
    for (const [key, value] of Object.entries(migrated)) config.set(`${prefix}${key}`, document.createNode(value));
    writeFileSync(path, document.toString());
    io.stdout(`wrote Pulumi.${options.stack}.yaml (${moves.length} settings moved)\n`);
    return 0;
}
