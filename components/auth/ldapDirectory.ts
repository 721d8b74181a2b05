import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { LdapArgs } from "../args";
import { DeploymentContext, namespacedMetadata } from "../context";
import { serviceFqdn } from "../naming";
import { AbcdesktopSettings } from "../settings";

export const LDAP_BIND_SECRET_NAME = "abcdesktop-ldap-bind";
export const LDAP_BIND_PASSWORD_KEY = "bind_password";

/** The demo directory's well-known Planet Express credentials (public test data, not a secret). */
export const OPENLDAP_DEMO_DIRECTORY = {
    baseDn: "ou=people,dc=planetexpress,dc=com",
    bindDn: "cn=admin,dc=planetexpress,dc=com",
    bindPassword: "GoodNewsEveryone",
} as const;

/** The LDAP directory pyos logs users in with: the configured one, else the demo one when deployed. */
export function ldapDirectory(settings: AbcdesktopSettings): LdapArgs | undefined {
    if (settings.ldap) {
        return settings.ldap;
    }
    if (settings.openldapDemo) {
        return { url: `ldap://${serviceFqdn("openldap", settings.namespace, settings.clusterDomain)}:389`, ...OPENLDAP_DEMO_DIRECTORY };
    }
    return undefined;
}

/**
 * Secret `abcdesktop-ldap-bind`: the bind password pyos reads from its environment (od.config refers to the
 * variable), so the password never sits in the od.config ConfigMap as it did upstream.
 */
export function createLdapBindSecret(
    name: string,
    context: DeploymentContext,
    directory: LdapArgs,
    opts: pulumi.CustomResourceOptions,
): k8s.core.v1.Secret {
    return new k8s.core.v1.Secret(
        `${name}-${LDAP_BIND_SECRET_NAME}`,
        {
            metadata: namespacedMetadata(context, LDAP_BIND_SECRET_NAME),
            type: "Opaque",
            stringData: { [LDAP_BIND_PASSWORD_KEY]: pulumi.secret(directory.bindPassword) },
        },
        opts,
    );
}
