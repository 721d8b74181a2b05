import type { SettingsCheck } from "./validation";

/** The abcdesktop release the component installs. */
export const Release = {
    /** The seed's Kubernetes mode: nginx and pyos as DaemonSets; pyos 1.x needs Docker Engine on every node. */
    V1_0: "1.0",
    /** Upstream's current line: router, website, console, pyos as a Deployment, a MongoDB 8 replica set; any container runtime. */
    V4_4: "4.4",
} as const;
/** The abcdesktop release the component installs. */
export type Release = (typeof Release)[keyof typeof Release];

/** Every release, oldest first. */
export const RELEASES: readonly Release[] = Object.values(Release);

/** The release a stack gets when it names none. */
export const DEFAULT_RELEASE: Release = "1.0";

/** A block's defaults for each release it exists in; a release it is absent from has no such block. */
export type ReleaseDefaults = Partial<Record<Release, object>>;

/**
 * One settings block (`pyos`, `registry`, …): its defaults for each release that has it, and its checks. The
 * table of blocks in components/args.ts drives defaults, validation, secrets and the generated docs.
 */
export interface SettingsModule<Defaults extends ReleaseDefaults> {
    /** The block's defaults for each release it exists in. */
    defaults: Defaults;
    /** Reports what is wrong with the block, reading the effective settings (given over the release's defaults). */
    check(check: SettingsCheck): void;
    /** Paths of the block's secret values (never shown, stored as Pulumi secrets). */
    secretPaths?: readonly string[];
}

/** The settings a block has in release `R`. */
export type SettingsIn<M, R extends Release> = M extends SettingsModule<infer D> ? (R extends keyof D ? NonNullable<D[R]> : never) : never;

/** The same defaults in every release. */
export function inEveryRelease<S>(defaults: S): Record<Release, S> {
    return { "1.0": defaults, "4.4": defaults };
}
