import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ComponentScope } from "../shared/context";

/**
 * The account files pyos 4.4 renders for each user (mustache, with the user's uid, gid, numbers, home and
 * shell) and mounts into the desktop as /etc/passwd, /etc/group, /etc/shadow and /etc/gshadow: upstream's
 * `abcdesktop-<file>-templatefile` ConfigMaps, one file each.
 */
export const USER_TEMPLATES = {
    passwd: "{{ uid }}:x:{{ uidNumber }}:{{ gidNumber }}:{{ gecos }}:{{ homeDirectory }}:{{ loginShell }}\n",
    group: "sudo:x:27:{{ uid }}\nlpadmin:x:101:root,{{ uid }}\n{{ gid }}:x:{{ gidNumber }}:{{ uid }}\n",
    shadow: "{{ uid }}:{{ sha512 }}:19080:0:99999:7:::\n",
    gshadow: "sudo:*::{{ uid }}\nlpadmin:!::root,{{ uid }}\n{{ gid }}:!::{{ uid }}\n",
} as const;

export type UserTemplateFile = keyof typeof USER_TEMPLATES;

/** The ConfigMap name of a template file, e.g. `abcdesktop-passwd-templatefile`. */
export function userTemplateConfigMapName(file: UserTemplateFile): string {
    return `abcdesktop-${file}-templatefile`;
}

/** The four template ConfigMaps, by file. */
export function userTemplateConfigMaps(
    scope: ComponentScope,
    opts: pulumi.CustomResourceOptions,
): Record<UserTemplateFile, k8s.core.v1.ConfigMap> {
    return Object.fromEntries(
        (Object.keys(USER_TEMPLATES) as UserTemplateFile[]).map((file) => {
            const name = userTemplateConfigMapName(file);
            return [
                file,
                new k8s.core.v1.ConfigMap(
                    `${scope.context.instance}-${name}`,
                    { metadata: scope.metadata(name), data: { [file]: USER_TEMPLATES[file] } },
                    opts,
                ),
            ];
        }),
    ) as Record<UserTemplateFile, k8s.core.v1.ConfigMap>;
}
