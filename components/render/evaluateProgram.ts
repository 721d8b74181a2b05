import * as pulumi from "@pulumi/pulumi";
import { AbcdesktopMocks, AbcdesktopMocksOptions, RegisteredResource, registrationsSettled } from "../testing/mocks";

/** What a program registered and exported when run under the mock engine. */
export interface ProgramEvaluation {
    resources: RegisteredResource[];
    exports: Record<string, unknown>;
}

export interface EvaluateProgramOptions {
    project: string;
    stack: string;
    /** Config as the engine passes it: `project:key` to the value's text (objects as JSON). */
    config: Record<string, string>;
    /** Keys of `config` that are secret. */
    secretKeys: string[];
    /** Runs the program and returns its exports, e.g. `() => require("./index")`. */
    program: () => unknown;
    /** Options of the mocks that stand in for the providers (progress while keys are made). */
    mocks?: AbcdesktopMocksOptions;
}

/** Resolves an exported value the way the engine records stack outputs. */
async function resolveExport(value: unknown): Promise<unknown> {
    return pulumi.Output.isInstance(value) ? await new Promise((resolve) => value.apply(resolve)) : value;
}

/**
 * Runs a Pulumi program without an engine: config is set as the CLI would, the mock engine records every
 * resource, and the promise settles once every registration has been answered. Rejects when the program
 * throws or any output fails to resolve.
 */
export async function evaluateProgram(options: EvaluateProgramOptions): Promise<ProgramEvaluation> {
    pulumi.runtime.setAllConfig(options.config, options.secretKeys);
    const mocks = new AbcdesktopMocks(options.mocks);
    await pulumi.runtime.setMocks(mocks, options.project, options.stack, false);
    // A failure inside an apply surfaces only as an unhandled rejection; the engine would fail the update, so must we.
    const failures: unknown[] = [];
    const onRejection = (reason: unknown) => failures.push(reason);
    process.on("unhandledRejection", onRejection);
    try {
        const exported = (options.program() ?? {}) as Record<string, unknown>;
        await registrationsSettled();
        const exports: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(exported)) {
            exports[key] = await resolveExport(value);
        }
        await registrationsSettled();
        await new Promise((resolve) => setImmediate(resolve));
        if (failures.length > 0) {
            throw failures[0] instanceof Error ? failures[0] : new Error(String(failures[0]));
        }
        return { resources: mocks.resources, exports };
    } finally {
        process.off("unhandledRejection", onRejection);
    }
}
