import { POD_IDENTITY_VARIABLES } from "../shared/podSpec";

/** The variable pyos's container gets the LDAP bind password in, from a Secret. */
export const LDAP_BIND_PASSWORD_ENV = "ABCDESKTOP_LDAP_BIND_PASSWORD";

/** The variable pyos reads MongoDB's URL (with the password) from, before od.config's mongodburl. */
export const MONGODB_URL_ENV = "MONGODB_URL";

/** The variables pyos's container has: the only ones od.config may read with os.environ['NAME']. */
export function pyosEnvironmentNames(withLdapDirectory: boolean): string[] {
    return [...POD_IDENTITY_VARIABLES, MONGODB_URL_ENV, ...(withLdapDirectory ? [LDAP_BIND_PASSWORD_ENV] : [])];
}
