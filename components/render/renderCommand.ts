import { existsSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { evaluateProgram } from "./evaluateProgram";
import { kubernetesManifests, toYamlStream } from "./manifests";
import { loadStackConfig, UNDECRYPTED_SECRET } from "./stackConfig";

export const RENDER_HELP = `Usage: npm run --silent render -- [--stack <name>] [--path] [--config <key>=<value>]... [--secret <key>=<value>]... [--show-secrets] [--out <file>]

Evaluates the Pulumi program offline (no cluster, no Pulumi CLI) with the stack's config
(Pulumi.yaml defaults, then Pulumi.<stack>.yaml, then each --config and --secret) and writes every Kubernetes
object it would create as one multi-document YAML stream, in a stable order.

  --stack <name>         stack whose Pulumi.<name>.yaml to read (default: dev)
  --config <key>=<value> override one key as 'pulumi config set' would; a key without
                         'project:' is this project's. Repeatable.
  --secret <key>=<value> the same as a secret, as 'pulumi config set --secret' would (passwords
                         and credentials must be given this way). Repeatable.
  --path                 keys are setting paths, as with 'pulumi config set --path':
                         --path --config pyos.image.tag=1.2 --secret mongodb.rootPassword=...
  --show-secrets         print secret values instead of "<redacted: secret>"
  --out <file>           write to <file> instead of stdout
  --help                 this text

Keys and passwords in the output are throwaway values made locally for this render; they are
NOT the ones 'pulumi up' generates and stores in the stack. Encrypted stack secrets cannot be
decrypted here and render as "${UNDECRYPTED_SECRET}" unless overridden with --secret.
Invalid config exits with status 2 and writes nothing. With npm's --silent, stdout is the YAML only
(npm prints a banner line otherwise). The same config renders the same bytes twice, so diff shows what
a change does; 'pulumi preview --diff' is the live equivalent.`;

/** Where render writes; injectable so the command can be driven by a test or another tool. */
export interface RenderIo {
    stdout: (text: string) => void;
    stderr: (text: string) => void;
}

/** Runs the render command; resolves to the process exit code. */
export async function runRender(
    argv: string[],
    projectDir: string,
    program: () => unknown,
    io: RenderIo = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) },
): Promise<number> {
    let options;
    try {
        options = parseArgs({
            args: argv,
            options: {
                stack: { type: "string", default: "dev" },
                config: { type: "string", multiple: true, default: [] },
                secret: { type: "string", multiple: true, default: [] },
                path: { type: "boolean", default: false },
                "show-secrets": { type: "boolean", default: false },
                out: { type: "string" },
                help: { type: "boolean", default: false },
            },
            strict: true,
            allowPositionals: false,
        }).values;
    } catch (error) {
        io.stderr(`render: ${(error as Error).message}\n\n${RENDER_HELP}\n`);
        return 2;
    }
    if (options.help) {
        io.stdout(`${RENDER_HELP}\n`);
        return 0;
    }
    if (options.out) {
        const folder = dirname(resolve(options.out));
        if (!existsSync(folder) || !statSync(folder).isDirectory()) {
            io.stderr(`render: cannot write ${options.out}: the folder ${folder} does not exist (create it first)\n`);
            return 2;
        }
    }
    let yamlStream: string;
    let count: number;
    try {
        const overrides = [
            ...options.config!.map((assignment) => ({ assignment, secret: false, path: options.path! })),
            ...options.secret!.map((assignment) => ({ assignment, secret: true, path: options.path! })),
        ];
        const stackConfig = loadStackConfig(projectDir, options.stack!, overrides);
        // Keys of 4096 bits take seconds each: say what the wait is for.
        const onKey = (name: string, bits: number) => io.stderr(`render: making a throwaway ${bits}-bit RSA key for ${name}\n`);
        const evaluation = await evaluateProgram({ ...stackConfig, program, mocks: { onKey } });
        const manifests = kubernetesManifests(evaluation.resources, options["show-secrets"]!);
        count = manifests.length;
        yamlStream = toYamlStream(manifests);
    } catch (error) {
        io.stderr(`render: ${(error as Error).message}\n`);
        return 2;
    }
    if (options.out) {
        writeFileSync(options.out, yamlStream);
        io.stderr(`render: wrote ${count} objects to ${options.out}\n`);
    } else {
        io.stdout(yamlStream);
    }
    return 0;
}
