import { inEveryRelease, Release, SettingsModule } from "../shared/settingsModule";
import { SettingsCheck } from "../shared/validation";

/** The three RSA key pairs that sign and encrypt the JWTs the front end and pyos exchange. */
export interface JwtKeysArgs {
    /** RSA key size in bits of the three pairs: 2048, 3072 or 4096. Default `2048`. */
    size?: number;
    /** Key generation number. The keys never change unless it is increased: then all three pairs are replaced and the front end and pyos roll. Default `0`. */
    rotation?: number;
}

const DEFAULTS = { size: 2048, rotation: 0 };

export type JwtKeysSettings = typeof DEFAULTS;

export const ALLOWED_KEY_SIZES = [2048, 3072, 4096] as const;

function check(check: SettingsCheck): void {
    const size = check.value("jwtKeys.size");
    if (!(ALLOWED_KEY_SIZES as readonly unknown[]).includes(size)) {
        const why = typeof size === "number" && size < 2048 ? " (keys below 2048 bits are refused)" : "";
        check.problem("jwtKeys.size", `${check.show("jwtKeys.size")} is not allowed${why}; allowed: ${ALLOWED_KEY_SIZES.join(", ")}`);
    }
    check.integerIn("jwtKeys.rotation", 0, Number.MAX_SAFE_INTEGER, "a whole number from 0, increased by one to replace the keys");
}

export const jwtKeysSettings: SettingsModule<Record<Release, JwtKeysSettings>> = { defaults: inEveryRelease(DEFAULTS), check };
