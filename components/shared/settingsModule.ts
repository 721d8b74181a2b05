import { SettingsCheck } from "./validation";

/** The abcdesktop releases the component installs. */
export type Release = "1.0";

/**
 * One settings block (`pyos`, `registry`, …): its defaults for each release that has it, and its checks. The
 * table of blocks in components/args.ts drives defaults, validation, secrets and the generated docs.
 */
export interface SettingsModule<Settings> {
    /** The block's defaults for each release it exists in. */
    defaults: Partial<Record<Release, Settings>>;
    /** Reports what is wrong with the block, reading the effective settings (given over defaults). */
    check(check: SettingsCheck): void;
    /** Paths of the block's secret values (never shown, stored as Pulumi secrets). */
    secretPaths?: readonly string[];
}

/** The settings type a block's defaults give. */
export type SettingsOf<M> = M extends SettingsModule<infer S> ? S : never;
