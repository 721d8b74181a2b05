import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ReleaseSettings } from "../args";
import { ldapDirectory } from "../auth/ldapDirectory";
import { LdapArgs } from "../auth/settings";
import { DesktopService } from "../desktop/desktopService";
import { exposeFrontDoor } from "../exposure/exposure";
import { pyosPublicAddress } from "../exposure/publicUrl";
import { HOME_DIRECTORY_CLAIM, HomeDirectoryStorage } from "../desktop/homeDirectoryStorage";
import { DesktopSettings } from "../desktop/settings";
import { ImagePrePull } from "../imagePrePull/imagePrePull";
import { JwtKeys } from "../jwtKeys/jwtKeys";
import { Memcached } from "../memcached/memcached";
import { Mongodb } from "../mongodb/mongodb";
import { Nginx, NGINX_HTTP_PORT, NGINX_SERVICE_NAME } from "../nginx/nginx";
import { OpenLdapDemo } from "../openldap/openldap";
import { OdConfigSettings, renderOdConfig } from "../pyos/odConfig";
import { Pyos } from "../pyos/pyos";
import { PYOS_NAMESPACE_RULES, PyosRbac } from "../pyos/rbac";
import { REGISTRY_SECRET_NAME } from "../registry/registrySecret";
import { contentChecksum } from "../shared/checksums";
import { DeploymentContext } from "../shared/context";
import { ImageArgs, resolveImage } from "../shared/image";
import { Speedtest } from "../speedtest/speedtest";
import { PlatformObjects } from "./platformObjects";

/** The images pyos starts for each login: the desktop, and the printer and sound sidecars when they are on. */
function desktopImages(desktop: DesktopSettings): ImageArgs[] {
    return [
        desktop.image,
        ...(desktop.printer.enabled ? [desktop.printer.image] : []),
        ...(desktop.sound.enabled ? [desktop.sound.image] : []),
    ];
}

/** od.config's inputs from the settings of the components it describes. */
function odConfigSettings(
    context: DeploymentContext,
    settings: ReleaseSettings<"1.0">,
    directory: LdapArgs | undefined,
    withRegistrySecret: boolean,
): OdConfigSettings {
    const { desktop } = settings;
    const image = (args: ImageArgs) => resolveImage(args, context.platform.images);
    const user = image(desktop.image);
    return {
        namespace: context.platform.namespace,
        clusterDomain: context.platform.clusterDomain,
        userImage: user.reference,
        printerImage: desktop.printer.enabled ? image(desktop.printer.image).reference : undefined,
        soundImage: desktop.sound.enabled ? image(desktop.sound.image).reference : undefined,
        imagePullPolicy: user.pullPolicy,
        imagePullSecretName: withRegistrySecret ? REGISTRY_SECRET_NAME : undefined,
        publicAddress: pyosPublicAddress(settings.exposure),
        anonymousAuth: settings.auth.anonymous,
        ldap: directory && { url: directory.url, baseDn: directory.baseDn, bindDn: directory.bindDn },
        homeDirectory:
            desktop.homeDirectory.type === "persistentVolumeClaim"
                ? { type: "persistentVolumeClaim", claimName: HOME_DIRECTORY_CLAIM }
                : { type: "volume" },
        overrides: settings.pyos.odConfigOverrides,
    };
}

/**
 * abcdesktop 1.0 in Kubernetes mode (the seed's layout, conf `kubernetes/abcdesktop.yaml`): nginx and pyos as
 * DaemonSets behind Service `nginx` (NodePort by default), MongoDB, memcached, speedtest, the desktop service and home storage,
 * and optionally the demo directory and the image pre-pull.
 */
export function createRelease1_0(
    context: DeploymentContext,
    settings: ReleaseSettings<"1.0">,
    registrySecret: k8s.core.v1.Secret | undefined,
    parent: pulumi.Resource,
): PlatformObjects {
    const child = { parent };
    const { namespace, clusterDomain } = context.platform;
    const keys = new JwtKeys(context, settings.jwtKeys, child);
    const jwtKeysChecksum = contentChecksum("", [keys.generation]);
    const rbac = new PyosRbac(
        context,
        { namespaceRules: PYOS_NAMESPACE_RULES, nodeReads: true, clusterWide: settings.pyos.clusterWideRbac },
        child,
    );
    const storage = new HomeDirectoryStorage(context, settings.desktop.homeDirectory, child);
    const mongodb = new Mongodb(context, settings.mongodb, child);
    const memcached = new Memcached(context, settings.memcached, child);
    const speedtest = new Speedtest(context, settings.speedtest, child);
    const nginx = new Nginx(context, settings.nginx, { keys, jwtKeysChecksum, exposure: settings.exposure }, child);
    exposeFrontDoor(context, settings.exposure, { service: nginx.service, serviceName: NGINX_SERVICE_NAME, port: NGINX_HTTP_PORT }, child);
    const directory = ldapDirectory({ ldap: settings.auth.ldap, openldapDemo: settings.openldap.enabled, namespace, clusterDomain });
    const pyos = new Pyos(
        context,
        settings.pyos,
        {
            rbac,
            keys,
            jwtKeysChecksum,
            mongodb,
            odConfigText: renderOdConfig(odConfigSettings(context, settings, directory, registrySecret !== undefined)),
            ldapBindPassword: directory?.bindPassword,
        },
        child,
    );
    const desktop = new DesktopService(context, child);
    const openldap = settings.openldap.enabled ? new OpenLdapDemo(context, settings.openldap, child) : undefined;
    if (settings.imagePrePull.enabled) {
        new ImagePrePull(context, settings.imagePrePull, desktopImages(settings.desktop), child);
    }
    return {
        services: {
            nginx: nginx.service,
            pyos: pyos.service,
            mongodb: mongodb.service,
            memcached: memcached.service,
            speedtest: speedtest.service,
            desktop: desktop.service,
            openldap: openldap?.service,
        },
        secrets: {
            jwtDesktopPayload: keys.secrets.desktopPayload,
            jwtDesktopSigning: keys.secrets.desktopSigning,
            jwtUserSigning: keys.secrets.userSigning,
            mongodb: mongodb.secret,
            ldapBind: pyos.ldapBindSecret,
            registry: registrySecret,
        },
        configMaps: { odConfig: pyos.configMap, nginxConfig: nginx.configMap },
        clusterObjects: {
            clusterRole: rbac.clusterRole,
            clusterRoleBinding: rbac.clusterRoleBinding,
            storageClass: storage.storageClass,
            persistentVolume: storage.persistentVolume,
        },
    };
}
