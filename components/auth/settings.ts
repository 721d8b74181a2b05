import * as pulumi from "@pulumi/pulumi";
import { inEveryRelease, Release, SettingsModule } from "../shared/settingsModule";
import { SettingsCheck } from "../shared/validation";
import { checkHttpsForExternalLogin } from "../exposure/publicUrl";

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

/** An OAuth 2.0 / OpenID Connect provider users log in with (a provider of od.config's external manager, 4.4). */
export interface OAuthProviderArgs {
    /** Label of the provider's login button, e.g. `Google`. */
    displayName: string;
    /** The client ID registered with the provider. */
    clientId: string;
    /** The client secret registered with the provider. Stored as a Pulumi secret; it reaches pyos through Secret `abcdesktop-pyos-credentials`, never the od.config ConfigMap. */
    clientSecret: pulumi.Input<string>;
    /** Scopes requested, e.g. `["openid", "email", "profile"]`. */
    scope: string[];
    /** The provider's authorization endpoint, e.g. `https://accounts.google.com/o/oauth2/v2/auth`. */
    authorizationUrl: string;
    /** The provider's token endpoint. */
    tokenUrl: string;
    /** The provider's userinfo endpoint. */
    userinfoUrl: string;
    /** Send the client credentials with HTTP basic authentication to the token endpoint (GitHub and some others want it). Default: off. */
    basicAuth?: boolean;
    /** Icon of the login button, a path the website serves (e.g. `img/auth/google_icon.svg`). */
    icon?: string;
}

/** How users log in. */
export interface AuthArgs {
    /** Offer the "Connect with Anonymous" button. Default `true`. */
    anonymous?: boolean;
    /** An external LDAP directory. When absent and `openldap.enabled` is on, the demo directory is used. */
    ldap?: LdapArgs;
    /** 4.4 only: OAuth 2.0 / OpenID Connect providers, by name (a lower-case word, e.g. `google`); each gets a login button. Needs the platform behind HTTPS. The redirect URI to register with each provider is `<url>API/auth/oauth?manager=external&provider=<name>`. */
    oauth?: { [provider: string]: OAuthProviderArgs };
}

const DEFAULTS = { anonymous: true };

export type AuthSettings = typeof DEFAULTS & Pick<AuthArgs, "ldap" | "oauth">;

const DISTINGUISHED_NAME = /^[^=,\s][^=,]*=[^,]+(,\s*[^=,\s][^=,]*=[^,]+)*$/;

const PROVIDER_NAME = /^[a-z][a-z0-9]{0,30}$/;
const HTTPS_URL = /^https:\/\/[^\s/?#]+[^\s]*$/;

function checkOAuth(check: SettingsCheck): void {
    check.onlyIn("auth.oauth", ["4.4"]);
    const providers = (check.value("auth.oauth") ?? {}) as Record<string, unknown>;
    if (check.release === "4.4" && Object.keys(providers).length > 0) checkHttpsForExternalLogin(check, "auth.oauth");
    for (const name of Object.keys(providers)) {
        const path = `auth.oauth.${name}`;
        if (!PROVIDER_NAME.test(name)) {
            check.problem(
                `auth.oauth[${JSON.stringify(name)}]`,
                `${JSON.stringify(name)} is not a provider name (a lower-case letter, then letters and digits)`,
            );
            continue;
        }
        for (const field of ["displayName", "clientId"]) check.required(`${path}.${field}`, "for every OAuth provider");
        check.required(`${path}.clientSecret`, "for every OAuth provider");
        for (const field of ["authorizationUrl", "tokenUrl", "userinfoUrl"]) {
            if (check.required(`${path}.${field}`, "for every OAuth provider"))
                check.pattern(`${path}.${field}`, HTTPS_URL, "an https:// URL", 2048);
        }
        const scope = check.value(`${path}.scope`);
        if (!Array.isArray(scope) || scope.length === 0)
            check.problem(`${path}.scope`, 'must list at least one scope, e.g. ["openid", "email"]');
    }
}

function check(check: SettingsCheck): void {
    checkOAuth(check);
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
    const oauthProviders = Object.keys((check.value("auth.oauth") ?? {}) as object).length;
    if (
        check.value("auth.anonymous") === false &&
        check.value("auth.ldap") === undefined &&
        check.value("openldap.enabled") !== true &&
        oauthProviders === 0
    ) {
        check.problem(
            "auth.anonymous",
            `false leaves no way to log in; set auth.ldap${check.release === "4.4" ? ", auth.oauth" : ""}, or openldap.enabled: true`,
        );
    }
}

export const authSettings: SettingsModule<Record<Release, AuthSettings>> = {
    defaults: inEveryRelease(DEFAULTS),
    check,
    secretPaths: ["auth.ldap.bindPassword", "auth.oauth.*.clientSecret"],
};
