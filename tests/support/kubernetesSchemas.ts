// Kubernetes OpenAPI checks of rendered objects, with what the npm package kubernetes-models (4.5.x) ships:
//
// - its model classes, one per apiVersion and kind, whose `validate()` runs the ajv validator generated from the
//   OpenAPI definition (types, enums, formats, required fields);
// - its TypeScript declarations, generated from the same definitions. The package ships no JSON schema: its
//   validators are compiled ajv code, and the declarations are the only place that lists each definition's
//   properties (one interface per definition, `{ [key: string]: T }` where it has `additionalProperties`: labels,
//   annotations, data, resources.limits...). The validators accept fields they do not know, where kubectl's
//   strict field validation rejects them, so `unknownFields` walks each object along those declarations with the
//   TypeScript compiler's type checker.
import { dirname, join } from "node:path";
import ts from "typescript";

/** A rendered Kubernetes object: apiVersion, kind and metadata at least. */
export interface KubernetesObject {
    apiVersion: string;
    kind: string;
    metadata?: { name?: string; namespace?: string; [key: string]: unknown };
    [key: string]: unknown;
}

interface ModelInstance {
    validate(): void;
}

interface ModelClass {
    new (data: object): ModelInstance;
    apiVersion: string;
    kind: string;
}

/** The kubernetes-models class of one apiVersion and kind, and where its declaration is. */
export interface ModelEntry {
    /** Module specifier, e.g. `kubernetes-models/apps/v1/DaemonSet`. */
    module: string;
    model: ModelClass;
    /** The `.d.ts` file that declares the interface `I<Kind>`. */
    declarationFile: string;
}

function isModelClass(value: unknown, apiVersion: string, kind: string): value is ModelClass {
    return (
        typeof value === "function" &&
        (value as unknown as Record<string, unknown>).apiVersion === apiVersion &&
        (value as unknown as Record<string, unknown>).kind === kind &&
        typeof (value as { prototype?: { validate?: unknown } }).prototype?.validate === "function"
    );
}

/** `kubernetes-models/<group>/<version>/<Kind>` (`kubernetes-models/v1/<Kind>` for the core group). */
export function modelModule(apiVersion: string, kind: string): string {
    return `kubernetes-models/${apiVersion}/${kind}`;
}

/** The model class of an apiVersion and kind; throws when kubernetes-models has none. */
export function modelFor(apiVersion: string, kind: string): ModelEntry {
    const module = modelModule(apiVersion, kind);
    let resolved: string;
    try {
        resolved = require.resolve(module);
    } catch {
        throw new Error(`kubernetes-models has no model for apiVersion ${apiVersion} kind ${kind} (no module ${module})`);
    }
    const exported = (require(module) as Record<string, unknown>)[kind];
    if (!isModelClass(exported, apiVersion, kind)) {
        throw new Error(`${module} does not export a model class ${kind} for apiVersion ${apiVersion}`);
    }
    return { module, model: exported, declarationFile: join(dirname(resolved), `${kind}.d.ts`) };
}

/** "Kind namespace/name", the way problems name an object. */
export function describeObject(object: KubernetesObject): string {
    const name = object.metadata?.name ?? "<no name>";
    return `${object.kind} ${object.metadata?.namespace ? `${object.metadata.namespace}/` : ""}${name}`;
}

/** Runs the model's OpenAPI validation; returns its error message, or undefined when the object is valid. */
export function modelValidationError(object: KubernetesObject): string | undefined {
    const { model } = modelFor(object.apiVersion, object.kind);
    try {
        new model(object).validate();
        return undefined;
    } catch (error) {
        return error instanceof Error ? error.message : String(error);
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Unknown fields, against the property lists of the declarations.

const COMPILER_OPTIONS: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es5.d.ts"], // Array is all the declarations use; the ES2022 libraries would double the load time
};

let program: ts.Program | undefined;
const rootFiles = new Set<string>();

/** The program, rebuilt (reusing what it parsed) when one of these declaration files is not in it yet. */
function programWith(declarationFiles: string[]): ts.Program {
    const missing = declarationFiles.filter((file) => !rootFiles.has(file));
    if (!program || missing.length > 0) {
        missing.forEach((file) => rootFiles.add(file));
        program = ts.createProgram([...rootFiles], COMPILER_OPTIONS, undefined, program);
    }
    return program;
}

/**
 * Loads the declarations of these objects' kinds at once: each rebuild of the program costs a new type checker,
 * so callers about to check objects of many kinds load them first.
 */
export function loadDeclarations(objects: KubernetesObject[]): void {
    programWith(objects.map((object) => modelFor(object.apiVersion, object.kind).declarationFile));
}

/** The declared type of interface `I<Kind>` in the model's declaration file. */
function rootType(entry: ModelEntry, kind: string): { checker: ts.TypeChecker; type: ts.Type } {
    const loaded = programWith([entry.declarationFile]);
    const checker = loaded.getTypeChecker();
    const source = loaded.getSourceFile(entry.declarationFile);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    const symbol = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.getName() === `I${kind}`);
    if (!symbol) {
        throw new Error(`${entry.declarationFile} declares no interface I${kind}`);
    }
    return { checker, type: checker.getDeclaredTypeOfSymbol(symbol) };
}

type Shape = "object" | "array" | "string" | "number" | "boolean" | "other";

function valueShape(value: unknown): Shape {
    if (Array.isArray(value)) return "array";
    if (value === null) return "other";
    switch (typeof value) {
        case "object":
            return "object";
        case "string":
            return "string";
        case "number":
        case "bigint":
            return "number";
        case "boolean":
            return "boolean";
        default:
            return "other";
    }
}

function typeShape(checker: ts.TypeChecker, type: ts.Type): Shape {
    if (type.flags & ts.TypeFlags.StringLike) return "string";
    if (type.flags & ts.TypeFlags.NumberLike) return "number";
    if (type.flags & ts.TypeFlags.BooleanLike) return "boolean";
    if (checker.isArrayType(type)) return "array";
    if (type.flags & ts.TypeFlags.Object) return "object";
    return "other";
}

/** The path of a field as problems spell it: `spec.template.spec.containers[0].image`, `data["od.config"]`. */
export function childPath(path: string, key: string): string {
    if (!/^[A-Za-z_$][\w$]*$/.test(key)) return `${path}[${JSON.stringify(key)}]`;
    return path === "" ? key : `${path}.${key}`;
}

/** The definition's name, as its interface is called without the leading I (IContainer is Container). */
function typeLabel(checker: ts.TypeChecker, type: ts.Type): string {
    return checker.typeToString(type).replace(/^I(?=[A-Z])/, "");
}

function walk(checker: ts.TypeChecker, value: unknown, declared: ts.Type, path: string, problems: string[]): void {
    if (value === null || value === undefined) {
        return;
    }
    let type = checker.getNonNullableType(declared);
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) {
        // kubernetes-models declares no field as any: this means a declaration could not be resolved.
        problems.push(`${path}: the schema type of this field could not be resolved (${checker.typeToString(type)})`);
        return;
    }
    const shape = valueShape(value);
    if (type.isUnion()) {
        // IntOrString, Quantity and enums are unions; pick the member of the value's shape, if any.
        const members = type.types.filter((member) => typeShape(checker, member) === shape);
        if (members.length === 0) {
            return; // a wrong type: the model's validate() reports it
        }
        type = members[0];
    }
    if (shape === "array") {
        if (checker.isArrayType(type)) {
            const [element] = checker.getTypeArguments(type as ts.TypeReference);
            (value as unknown[]).forEach((item, index) => walk(checker, item, element, `${path}[${index}]`, problems));
        }
        return;
    }
    if (shape !== "object" || typeShape(checker, type) !== "object") {
        return;
    }
    const entries = Object.entries(value as Record<string, unknown>);
    const mapValues = checker.getIndexInfoOfType(type, ts.IndexKind.String);
    const properties = checker.getPropertiesOfType(type);
    if (properties.length === 0 && !mapValues) {
        return; // a definition without properties is free-form JSON (FieldsV1, RawExtension, JSON)
    }
    for (const [key, child] of entries) {
        const property = type.getProperty(key);
        if (property) {
            walk(checker, child, checker.getTypeOfSymbol(property), childPath(path, key), problems);
        } else if (mapValues) {
            walk(checker, child, mapValues.type, childPath(path, key), problems);
        } else {
            const known = properties.map((p) => p.getName()).sort();
            problems.push(`${childPath(path, key)}: unknown field "${key}" (${typeLabel(checker, type)} has: ${known.join(", ")})`);
        }
    }
}

/** Every field of the object, at any depth, that its OpenAPI definition does not declare; [] when none. */
export function unknownFields(object: KubernetesObject): string[] {
    const entry = modelFor(object.apiVersion, object.kind);
    const { checker, type } = rootType(entry, object.kind);
    const problems: string[] = [];
    walk(checker, object, type, "", problems);
    return problems;
}

/** Every problem of one object, prefixed with the object: no model, failed OpenAPI validation, unknown fields. */
export function schemaProblems(object: KubernetesObject): string[] {
    const label = describeObject(object);
    try {
        const problems: string[] = [];
        const validation = modelValidationError(object);
        if (validation !== undefined) {
            problems.push(`${label}: ${validation}`);
        }
        problems.push(...unknownFields(object).map((problem) => `${label}: ${problem}`));
        return problems;
    } catch (error) {
        return [`${label}: ${error instanceof Error ? error.message : String(error)}`];
    }
}
