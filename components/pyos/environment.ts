import { POD_IDENTITY_VARIABLES } from "../shared/podSpec";

/** The variable pyos's container gets the LDAP bind password in, from a Secret. */
export const LDAP_BIND_PASSWORD_ENV = "ABCDESKTOP_LDAP_BIND_PASSWORD";

/** The variable pyos reads MongoDB's URL (with the password) from, before od.config's mongodburl. */
export const MONGODB_URL_ENV = "MONGODB_URL";

/** The variable pyos 4.4 gets the manager API key in, from Secret `abcdesktop-pyos-credentials`. */
export const MANAGER_API_KEY_ENV = "ABCDESKTOP_MANAGER_API_KEY";

/** The variable pyos 4.4 gets an OAuth provider's client secret in. */
export function oauthClientSecretEnv(provider: string): string {
    return `ABCDESKTOP_OAUTH_${provider.toUpperCase()}_CLIENT_SECRET`;
}

/** What decides which secret variables pyos's container has. */
export interface PyosSecretSources {
    ldapDirectory: boolean;
    oauthProviders: readonly string[];
    managerApiKey: boolean;
}

/** The variables pyos's container has: the only ones od.config may read with os.environ['NAME']. */
export function pyosEnvironmentNames(sources: PyosSecretSources): string[] {
    return [
        ...POD_IDENTITY_VARIABLES,
        MONGODB_URL_ENV,
        ...(sources.ldapDirectory ? [LDAP_BIND_PASSWORD_ENV] : []),
        ...sources.oauthProviders.map(oauthClientSecretEnv),
        ...(sources.managerApiKey ? [MANAGER_API_KEY_ENV] : []),
    ];
}
