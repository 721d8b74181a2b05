import * as pulumi from "@pulumi/pulumi";
import { inEveryRelease, Release, SettingsModule } from "../shared/settingsModule";
import { SettingsCheck } from "../shared/validation";

/** An LDAP directory users log in with (the `planet` provider of od.config's explicit manager). */
export interface LdapArgs {
    /** LDAP URL, e.g. `ldap://ldap.example.com:389` or `ldaps://ldap.example.com:636`. */
    url: string;
    /** Base DN users are searched under, e.g. `ou=people,dc=example,dc=com`. */
    baseDn: string;
    /** DN pyos binds as to search the directory. */
    bindDn: string;
    /** Password of `bindDn`. Stored as a Pulumi secret. */
    bindPassword: pulumi.Input<string>;
}

/** How users log in. */
export interface AuthArgs {
    /** Offer the "Connect with Anonymous" button. Default `true`. */
    anonymous?: boolean;
    /** An external LDAP directory. When absent and `openldap.enabled` is on, the demo directory is used. */
    ldap?: LdapArgs;
}

const DEFAULTS = { anonymous: true };

export type AuthSettings = typeof DEFAULTS & Pick<AuthArgs, "ldap">;

const DISTINGUISHED_NAME = /^[^=,\s][^=,]*=[^,]+(,\s*[^=,\s][^=,]*=[^,]+)*$/;

function check(check: SettingsCheck): void {
    if (check.value("auth.ldap") !== undefined) {
        check.pattern(
            "auth.ldap.url",
            /^ldaps?:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?\/?$/,
            "an LDAP URL such as ldap://ldap.example.com:389 or ldaps://ldap.example.com:636",
        );
        for (const key of ["baseDn", "bindDn"] as const) {
            const path = `auth.ldap.${key}`;
            if (check.value(path) === "") check.problem(path, "required when auth.ldap is set");
            else check.pattern(path, DISTINGUISHED_NAME, "a distinguished name such as dc=example,dc=com");
        }
        if (check.value("auth.ldap.bindPassword") === "") check.problem("auth.ldap.bindPassword", "required when auth.ldap is set");
    }
    if (check.value("auth.anonymous") === false && check.value("auth.ldap") === undefined && check.value("openldap.enabled") !== true) {
        check.problem("auth.anonymous", "false leaves no way to log in; set auth.ldap, or openldap.enabled: true");
    }
}

export const authSettings: SettingsModule<Record<Release, AuthSettings>> = {
    defaults: inEveryRelease(DEFAULTS),
    check,
    secretPaths: ["auth.ldap.bindPassword"],
};
