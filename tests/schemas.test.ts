// Every rendered object against the Kubernetes OpenAPI definitions shipped by kubernetes-models 4.5: the model's
// own validation (types, enums, required fields) and an unknown-field check at every depth.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { AbcdesktopArgs } from "../components/args";
import { KubernetesManifest } from "../components/render/manifests";
import {
    childPath,
    describeObject,
    KubernetesObject,
    loadDeclarations,
    modelFor,
    modelValidationError,
    schemaProblems,
    unknownFields,
} from "./support/kubernetesSchemas";
import { deployPlatform } from "./support/platform";

/** Fails with one line per problem. */
function assertNoProblems(problems: string[], what: string): void {
    assert.equal(problems.length, 0, `${what}:\n  ${problems.join("\n  ")}`);
}

/** A correct Deployment, written by hand, that each checker test breaks in one way. */
function deployment(): KubernetesObject & { spec: Record<string, unknown> } {
    return {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: {
            name: "web",
            namespace: "demo",
            labels: { "app.kubernetes.io/name": "web", "example.com/any-label": "x" },
            annotations: { "example.com/any-annotation": "free text" },
        },
        spec: {
            replicas: 2,
            selector: { matchLabels: { run: "web" } },
            strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: "25%" } },
            template: {
                metadata: { labels: { run: "web" } },
                spec: {
                    containers: [
                        {
                            name: "web",
                            image: "nginx:1.27",
                            imagePullPolicy: "IfNotPresent",
                            ports: [{ containerPort: 80, name: "http" }],
                            resources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { cpu: 1, memory: "64Mi" } },
                            volumeMounts: [{ name: "config", mountPath: "/etc/web" }],
                        },
                    ],
                    volumes: [{ name: "config", configMap: { name: "web-config" } }],
                },
            },
        },
    };
}

type Json = Record<string, unknown>;

/** Runs a check on each object; its problems (a message, a list, or what it threw) prefixed with the object. */
function eachObject(objects: KubernetesObject[], check: (object: KubernetesObject) => string | string[] | undefined): string[] {
    return objects.flatMap((object) => {
        let found: string | string[] | undefined;
        try {
            found = check(object);
        } catch (error) {
            found = error instanceof Error ? error.message : String(error);
        }
        return (found === undefined ? [] : [found].flat()).map((problem) => `${describeObject(object)}: ${problem}`);
    });
}

/** The first container of a Deployment made by {@link deployment}. */
function firstContainer(object: ReturnType<typeof deployment>): Json {
    const template = object.spec.template as { spec: { containers: Json[] } };
    return template.spec.containers[0];
}

/** Objects whose maps hold keys no definition lists. */
const FREE_FORM: KubernetesObject[] = [
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", annotations: { "any/key": "v" } }, data: { "any.file": "x" } },
    { apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, stringData: { "any-key.pem": "x" }, data: { other: "eA==" } },
    { apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: "sc" }, provisioner: "p", parameters: { anything: "x" } },
    {
        apiVersion: "v1",
        kind: "PersistentVolume",
        metadata: { name: "pv" },
        spec: { capacity: { storage: "1Gi", "example.com/any-resource": 1 }, hostPath: { path: "/x" } },
    },
];

/** A claim whose storage request, a map value, is an object instead of a quantity. */
const CLAIM_WITH_OBJECT_QUANTITY: KubernetesObject = {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name: "pvc" },
    spec: { resources: { requests: { storage: { size: "1Gi" } } } },
};

/** A kind the component did not create when this was written, with a misspelt field. */
const POLICY_WITH_TYPO: KubernetesObject = {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: "deny" },
    spec: { podSelector: {}, policyTypess: ["Ingress"] },
};

describe("the schema checker (kubernetes-models 4.5 OpenAPI definitions)", () => {
    before(() => loadDeclarations([deployment(), ...FREE_FORM, CLAIM_WITH_OBJECT_QUANTITY, POLICY_WITH_TYPO]));

    it("accepts a correct Deployment: its model validates it and every field is declared", () => {
        assert.equal(modelValidationError(deployment()), undefined);
        assert.deepEqual(unknownFields(deployment()), []);
    });

    it("reports an unknown container field with its full path and the fields the definition has", () => {
        const object = deployment();
        firstContainer(object).imagePullPolicyy = "Always";
        const problems = unknownFields(object);
        assert.equal(problems.length, 1, problems.join("\n"));
        assert.match(problems[0], /^spec\.template\.spec\.containers\[0\]\.imagePullPolicyy: unknown field "imagePullPolicyy"/);
        assert.match(problems[0], /Container has: .*\bimagePullPolicy\b/);
    });

    it("reports unknown fields at every depth: top level, metadata, spec, inside list items and their sub-objects", () => {
        const object = deployment() as Json & ReturnType<typeof deployment>;
        object.specs = {};
        (object.metadata as Json).lables = { run: "web" };
        (object.spec.strategy as { rollingUpdate: Json }).rollingUpdate.maxSurges = 1;
        firstContainer(object).ports = [{ containerPort: 80, protocl: "TCP" }];
        (firstContainer(object).resources as Json).limit = { cpu: 1 };
        assert.deepEqual(
            unknownFields(object)
                .map((problem) => problem.split(":")[0])
                .sort(),
            [
                "metadata.lables",
                "spec.strategy.rollingUpdate.maxSurges",
                "spec.template.spec.containers[0].ports[0].protocl",
                "spec.template.spec.containers[0].resources.limit",
                "specs",
            ],
        );
    });

    it("reports a value of the wrong type (replicas as a string, a container port as text)", () => {
        const object = deployment();
        object.spec.replicas = "2";
        firstContainer(object).ports = [{ containerPort: "eighty" }];
        const error = modelValidationError(object);
        assert.match(error ?? "", /data\/spec\/replicas must be integer/);
        assert.match(error ?? "", /data\/spec\/template\/spec\/containers\/0\/ports\/0\/containerPort must be integer/);
    });

    it("reports a missing required field (a Deployment without a selector, a container without a name)", () => {
        const object = deployment();
        delete object.spec.selector;
        delete firstContainer(object).name;
        const error = modelValidationError(object);
        assert.match(error ?? "", /data\/spec must have required property '?selector'?/);
        assert.match(error ?? "", /data\/spec\/template\/spec\/containers\/0 must have required property '?name'?/);
    });

    it("names the object in every problem it reports", () => {
        const object = deployment();
        firstContainer(object).imagePullPolicyy = "Always";
        object.spec.replicas = "2";
        const problems = schemaProblems(object);
        assert.equal(problems.length, 2, problems.join("\n"));
        for (const problem of problems) {
            assert.ok(problem.startsWith("Deployment demo/web: "), problem);
        }
    });

    it("treats maps as free-form because their definitions have additionalProperties, not because of a list of names", () => {
        for (const object of FREE_FORM) {
            assert.deepEqual(schemaProblems(object), [], describeObject(object));
        }
        // ...and what is inside a map is still checked against the map's value type
        assert.match(
            modelValidationError(CLAIM_WITH_OBJECT_QUANTITY) ?? "",
            /data\/spec\/resources\/requests\/storage must be (number|string)/,
        );
    });

    it("finds the model of any apiVersion and kind kubernetes-models knows, including kinds the component may add", () => {
        const kinds: [string, string][] = [
            ["rbac.authorization.k8s.io/v1", "Role"],
            ["rbac.authorization.k8s.io/v1", "RoleBinding"],
            ["networking.k8s.io/v1", "NetworkPolicy"],
            ["policy/v1", "PodDisruptionBudget"],
            ["autoscaling/v2", "HorizontalPodAutoscaler"],
            ["batch/v1", "CronJob"],
            ["v1", "LimitRange"],
        ];
        for (const [apiVersion, kind] of kinds) {
            const { model } = modelFor(apiVersion, kind);
            assert.equal(`${model.apiVersion} ${model.kind}`, `${apiVersion} ${kind}`);
        }
        assert.deepEqual(
            schemaProblems(POLICY_WITH_TYPO).map((p) => p.split(": unknown")[0]),
            ["NetworkPolicy deny: spec.policyTypess"],
        );
    });

    it("fails an object whose apiVersion and kind have no model (a custom resource, a kind in the wrong group)", () => {
        assert.throws(
            () => modelFor("example.com/v1", "Widget"),
            /kubernetes-models has no model for apiVersion example.com\/v1 kind Widget/,
        );
        assert.throws(() => modelFor("apps/v1", "Pod"), /no model for apiVersion apps\/v1 kind Pod/);
        assert.deepEqual(schemaProblems({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } }), [
            "Widget w: kubernetes-models has no model for apiVersion example.com/v1 kind Widget (no module kubernetes-models/example.com/v1/Widget)",
        ]);
    });
});

/** Fields whose definitions are maps (`additionalProperties`): any key is valid in them. */
const FREE_FORM_MAPS = [
    "labels",
    "annotations",
    "data",
    "stringData",
    "binaryData",
    "matchLabels",
    "parameters",
    "capacity",
    "requests",
    "limits",
    "nodeSelector",
];

function isFreeFormMap(object: KubernetesObject, path: string): boolean {
    const last = path.split(".").pop() ?? "";
    // A Service's spec.selector is a map; a workload's is a LabelSelector.
    return FREE_FORM_MAPS.includes(last) || (object.kind === "Service" && path === "spec.selector");
}

const NOT_A_FIELD = "zzNotAField";

/** A copy of the value with NOT_A_FIELD added to every object in it; `paths` receives each object's path. */
function withBogusFieldEverywhere(value: unknown, path: string, paths: string[]): unknown {
    if (Array.isArray(value)) {
        return value.map((item, index) => withBogusFieldEverywhere(item, `${path}[${index}]`, paths));
    }
    if (typeof value === "object" && value !== null) {
        paths.push(path);
        const copy = Object.fromEntries(
            Object.entries(value).map(([key, child]) => [key, withBogusFieldEverywhere(child, childPath(path, key), paths)]),
        );
        return { ...copy, [NOT_A_FIELD]: true };
    }
    return value;
}

const CONFIGURATIONS: [string, AbcdesktopArgs][] = [
    ["the defaults", {}],
    [
        "the demo directory, image pre-pulling, printing and sound on",
        { openldap: { enabled: true }, imagePrePull: { enabled: true }, desktop: { printer: { enabled: true }, sound: { enabled: true } } },
    ],
    [
        "namespace abcdesktop-prod, registry credentials and a PersistentVolumeClaim home directory",
        {
            namespace: "abcdesktop-prod",
            registry: { credentials: { server: "r.example.com", username: "u", password: "p" } },
            desktop: { homeDirectory: { type: "persistentVolumeClaim" } },
        },
    ],
];

for (const [label, args] of CONFIGURATIONS) {
    describe(`every object rendered with ${label}`, () => {
        let manifests: KubernetesManifest[];
        before(async () => {
            manifests = (await deployPlatform(args)).manifests;
            assert.ok(manifests.length > 10, `only ${manifests.length} objects rendered`);
        });

        it("has a kubernetes-models class for its apiVersion and kind", () => {
            assertNoProblems(
                eachObject(manifests, (object) => void modelFor(object.apiVersion, object.kind)),
                "objects without a model",
            );
        });

        it("passes its model's OpenAPI validation (types, enums, formats, required fields)", () => {
            const failures = eachObject(manifests, (object) => modelValidationError(object));
            assertNoProblems(failures, "objects the OpenAPI validation rejects");
        });

        it("uses only fields its OpenAPI definitions declare, at every depth", () => {
            try {
                loadDeclarations(manifests); // one TypeScript program for all kinds
            } catch {
                // An object without a model is reported by the OpenAPI validation test above; the walk names it too.
            }
            assertNoProblems(eachObject(manifests, unknownFields), "fields the OpenAPI definitions do not declare");
        });

        it("would have a misspelt field reported in any of its objects, at any depth, except in free-form maps", () => {
            const missed = eachObject(manifests, (object) => {
                const paths: string[] = [];
                const bogus = withBogusFieldEverywhere(object, "", paths) as KubernetesObject;
                const expected = paths.filter((path) => !isFreeFormMap(object, path)).map((path) => childPath(path, NOT_A_FIELD));
                const reported = unknownFields(bogus).map((problem) => problem.split(": ")[0]);
                return [
                    ...expected.filter((path) => !reported.includes(path)).map((path) => `${path} was not reported`),
                    ...reported.filter((path) => !expected.includes(path)).map((path) => `${path} was reported in a free-form map`),
                ];
            });
            assertNoProblems(missed, "the unknown-field check missed objects");
        });
    });
}
