import { SettingsCheck } from "./validation";

/** Kubernetes `imagePullPolicy`. */
export const PullPolicy = {
    /** Pull the image at every container start. */
    Always: "Always",
    /** Pull the image only when the node does not have it. */
    IfNotPresent: "IfNotPresent",
    /** Never pull: the image must be on the node already. */
    Never: "Never",
} as const;
/** Kubernetes `imagePullPolicy`. */
export type PullPolicy = (typeof PullPolicy)[keyof typeof PullPolicy];

/**
 * One container image. What is left out comes from the release's default image of that container, and from the
 * registry prefix and pull policy set for every image (`registry`).
 */
export interface ImageArgs {
    /** Registry host (and optional path) put in front of the repository, e.g. `registry.example.com/mirror`. Overrides `registry.prefix` for this image. */
    registry?: string;
    /** Repository (image name without tag), e.g. `abcdesktopio/oc.nginx`. */
    repository?: string;
    /** Tag, e.g. `1.1`. The package never runs an image with an implicit `latest`: a tag or a digest is required. */
    tag?: string;
    /** Content digest, e.g. `sha256:` and 64 hexadecimal digits: pins the image whatever its tag later points to. */
    digest?: string;
    /** Kubernetes `imagePullPolicy` of this image. Overrides `registry.pullPolicy`. */
    pullPolicy?: PullPolicy;
}

/** An image as a container needs it: a full reference and its pull policy. */
export interface ResolvedImage {
    reference: string;
    pullPolicy: PullPolicy;
}

/** What every image falls back to. */
export interface ImageDefaults {
    /** Registry prefix; empty means the images' own names. */
    prefix: string;
    pullPolicy: PullPolicy;
}

// The distribution spec's grammar: lower-case path components separated by '/', '.', '_', '__' or '-'; the first
// may be a registry host with a port, which a path component then follows (`memcached:1` is a tag, not a port).
const REPOSITORY = /^[a-z0-9]+([._-]{1,2}[a-z0-9]+)*(:[0-9]+\/[a-z0-9]+([._-]{1,2}[a-z0-9]+)*)?(\/[a-z0-9]+([._-]{1,2}[a-z0-9]+)*)*$/;
const REGISTRY = /^[A-Za-z0-9.-]+(:[0-9]+)?(\/[a-z0-9]+([._-]{1,2}[a-z0-9]+)*)*\/?$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

/** Joins registry, repository, tag and digest; a trailing slash on the registry is tolerated. */
export function imageReference(registry: string, repository: string, tag?: string, digest?: string): string {
    const prefix = registry.replace(/\/+$/, "");
    return `${prefix ? `${prefix}/` : ""}${repository}${tag ? `:${tag}` : ""}${digest ? `@${digest}` : ""}`;
}

/** The full reference and pull policy of an image whose repository and tag or digest are known (validated). */
export function resolveImage(image: ImageArgs, defaults: ImageDefaults): ResolvedImage {
    if (!image.repository || !(image.tag || image.digest)) {
        throw new Error(`image ${JSON.stringify(image)} has no repository or no tag and digest`);
    }
    return {
        reference: imageReference(image.registry ?? defaults.prefix, image.repository, image.tag, image.digest),
        pullPolicy: image.pullPolicy ?? defaults.pullPolicy,
    };
}

/**
 * Splits `repository[:tag][@digest]` (the repository may name a registry with a port) into an image; a
 * reference without either part leaves it out.
 */
export function parseImageReference(reference: string): ImageArgs {
    const at = reference.indexOf("@");
    const name = at >= 0 ? reference.slice(0, at) : reference;
    const digest = at >= 0 ? reference.slice(at + 1) : undefined;
    const slash = name.lastIndexOf("/");
    const colon = name.lastIndexOf(":");
    const [repository, tag] = colon > slash ? [name.slice(0, colon), name.slice(colon + 1)] : [name, undefined];
    return { repository, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/** Checks the fields of the image at `path` (the effective image: the given fields over the default). */
export function checkImage(check: SettingsCheck, path: string): void {
    const image = check.value(path) as ImageArgs | undefined;
    if (image === undefined) return;
    check.pattern(`${path}.registry`, REGISTRY, "a registry host such as registry.example.com or registry.example.com:5000/mirror");
    check.pattern(`${path}.repository`, REPOSITORY, "an image repository such as abcdesktopio/oc.nginx (lower case, no tag)");
    check.pattern(`${path}.tag`, TAG, "an image tag (letters, digits, '_', '.', '-'; at most 128 characters)");
    check.pattern(`${path}.digest`, DIGEST, "an image digest such as sha256: followed by 64 lower-case hexadecimal digits");
    if (image.repository === undefined) check.problem(`${path}.repository`, "required");
    if (image.tag === undefined && image.digest === undefined) {
        check.problem(path, "needs a tag or a digest: the package never runs an image with an implicit latest");
    }
    if (check.isGiven(`${path}.tag`) && image.tag === "latest" && image.digest === undefined) {
        check.warn(`${path}.tag`, '"latest" moves with every upstream push: pods may run different images; pin a version or a digest');
    }
}

/** Checks a list of image references (`repository:tag`, `repository@sha256:...` or both). */
export function checkImageReferences(check: SettingsCheck, path: string): void {
    const references = check.value(path);
    if (!Array.isArray(references)) return;
    references.forEach((reference, i) => {
        const where = `${path}[${i}]`;
        if (typeof reference !== "string") return;
        const image = parseImageReference(reference);
        const problems: string[] = [];
        if (!REPOSITORY.test(image.repository ?? "")) problems.push("the repository is not lower-case letters, digits and separators");
        if (image.tag !== undefined && !TAG.test(image.tag)) problems.push(`the tag ${JSON.stringify(image.tag)} is not a valid tag`);
        if (image.digest !== undefined && !DIGEST.test(image.digest)) problems.push("the digest is not sha256: and 64 hexadecimal digits");
        if (image.tag === undefined && image.digest === undefined) problems.push("it has no tag or digest (no implicit latest)");
        if (problems.length > 0) {
            check.problem(
                where,
                `${check.show(where)} is not an image reference such as abcdesktopio/firefox.d:1.0: ${problems.join("; ")}`,
            );
        }
    });
}
