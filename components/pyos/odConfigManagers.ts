import { PyDict } from "./pythonLiteral";

/** What od.config says of an LDAP directory's login, in both releases. */
export interface ExplicitLogin {
    /** The provider's name in od.config, `planet` (upstream's) when absent. */
    providerName?: string;
    /** Offer the directory's domains on the login page; default true, as upstream. */
    showDomains?: boolean;
}

/** The `explicit` (LDAP) auth manager: the directory's provider, or empty without one (pyos needs it declared). */
export function explicitManager(ldap: ExplicitLogin | undefined): PyDict {
    return ldap
        ? {
              show_domains: ldap.showDomains ?? true,
              providers: { [ldap.providerName ?? "planet"]: { config_ref: "ldapconfig", enabled: true } },
          }
        : {};
}
