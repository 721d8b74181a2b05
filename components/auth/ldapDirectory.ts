import { serviceFqdn } from "../shared/naming";
import { LdapArgs } from "./settings";

/** The demo directory's well-known Planet Express credentials (public test data, not a secret). */
export const OPENLDAP_DEMO_DIRECTORY = {
    baseDn: "ou=people,dc=planetexpress,dc=com",
    bindDn: "cn=admin,dc=planetexpress,dc=com",
    bindPassword: "GoodNewsEveryone",
} as const;

/** What decides which directory pyos logs users in with. */
export interface DirectoryChoice {
    ldap?: LdapArgs;
    openldapDemo: boolean;
    namespace: string;
    clusterDomain: string;
}

/** The LDAP directory pyos logs users in with: the configured one, else the demo one when deployed. */
export function ldapDirectory(choice: DirectoryChoice): LdapArgs | undefined {
    if (choice.ldap) return choice.ldap;
    if (choice.openldapDemo) {
        return { url: `ldap://${serviceFqdn("openldap", choice.namespace, choice.clusterDomain)}:389`, ...OPENLDAP_DEMO_DIRECTORY };
    }
    return undefined;
}
