import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ReleaseSettings } from "../args";
import { Console } from "../console/console";
import { ldapDirectory } from "../auth/ldapDirectory";
import { DesktopService } from "../desktop/desktopService";
import { exposeFrontDoor } from "../exposure/exposure";
import { publicUrl, pyosPublicAddress } from "../exposure/publicUrl";
import { HOME_DIRECTORY_CLAIM, HomeDirectoryStorage } from "../desktop/homeDirectoryStorage";
import { DesktopSettings4_4 } from "../desktop/settings";
import { ImagePrePull } from "../imagePrePull/imagePrePull";
import { JwtKeys } from "../jwtKeys/jwtKeys";
import { Memcached } from "../memcached/memcached";
import { MongodbReplicaSet } from "../mongodb/replicaSet";
import { OpenLdapDemo } from "../openldap/openldap";
import { LDAP_BIND_PASSWORD_ENV, MANAGER_API_KEY_ENV, oauthClientSecretEnv } from "../pyos/environment";
import { OdConfig4_4Settings, renderOdConfig4_4 } from "../pyos/odConfig4_4";
import { PyosDeployment } from "../pyos/pyosDeployment";
import { PYOS_4_4_NAMESPACE_RULES, PyosRbac } from "../pyos/rbac";
import { REGISTRY_SECRET_NAME } from "../registry/registrySecret";
import { Router, ROUTER_HTTP_PORT, ROUTER_SERVICE_NAME } from "../router/router";
import { contentChecksum } from "../shared/checksums";
import { DeploymentContext } from "../shared/context";
import { ImageArgs, resolveImage } from "../shared/image";
import { Speedtest } from "../speedtest/speedtest";
import { Website } from "../website/website";
import { PlatformObjects } from "./platformObjects";

/** The images pyos starts for each login in 4.4: the desktop, its init container and the sidecars that are on. */
export function desktopImages4_4(desktop: DesktopSettings4_4): ImageArgs[] {
    return [
        desktop.image,
        desktop.initImage,
        ...(["printer", "sound", "filer"] as const).filter((sidecar) => desktop[sidecar].enabled).map((sidecar) => desktop[sidecar].image),
    ];
}

/** The od.config inputs and the secrets pyos reads, from the settings of the components od.config describes. */
function pyosConfiguration(
    context: DeploymentContext,
    settings: ReleaseSettings<"4.4">,
    withRegistrySecret: boolean,
): { odConfig: OdConfig4_4Settings; credentials: Record<string, pulumi.Input<string>> } {
    const { desktop, auth, pyos } = settings;
    const { namespace, clusterDomain } = context.platform;
    const image = (args: ImageArgs) => resolveImage(args, context.platform.images);
    const sidecar = (name: "printer" | "sound" | "filer") => (desktop[name].enabled ? image(desktop[name].image).reference : undefined);
    const directory = ldapDirectory({ ldap: auth.ldap, openldapDemo: settings.openldap.enabled, namespace, clusterDomain });
    const oauth = Object.entries(auth.oauth ?? {});
    const credentials: Record<string, pulumi.Input<string>> = {
        ...(directory ? { [LDAP_BIND_PASSWORD_ENV]: directory.bindPassword } : {}),
        ...Object.fromEntries(oauth.map(([name, provider]) => [oauthClientSecretEnv(name), provider.clientSecret])),
        ...(pyos.managerApiKey !== undefined ? { [MANAGER_API_KEY_ENV]: pyos.managerApiKey } : {}),
    };
    const home = desktop.homeDirectory;
    const odConfig: OdConfig4_4Settings = {
        publicUrl: publicUrl(settings.exposure).replace(/\/$/, ""),
        websocketRouting: pyosPublicAddress(settings.exposure)?.websocketRouting ?? "http_origin",
        images: {
            graphical: image(desktop.image).reference,
            init: image(desktop.initImage).reference,
            printer: sidecar("printer"),
            sound: sidecar("sound"),
            filer: sidecar("filer"),
        },
        imagePullPolicy: image(desktop.image).pullPolicy,
        imagePullSecretName: withRegistrySecret ? REGISTRY_SECRET_NAME : undefined,
        anonymousAuth: auth.anonymous,
        ldap: directory && { url: directory.url, baseDn: directory.baseDn, bindDn: directory.bindDn },
        oauthProviders: oauth.map(([name, provider]) => ({
            name,
            displayName: provider.displayName,
            clientId: provider.clientId,
            clientSecretVariable: oauthClientSecretEnv(name),
            scope: provider.scope,
            authorizationUrl: provider.authorizationUrl,
            tokenUrl: provider.tokenUrl,
            userinfoUrl: provider.userinfoUrl,
            basicAuth: provider.basicAuth ?? false,
            icon: provider.icon,
        })),
        managerApiKeyVariable: pyos.managerApiKey !== undefined ? MANAGER_API_KEY_ENV : undefined,
        homeDirectory:
            home.type === "persistentVolumeClaim"
                ? { type: "persistentVolumeClaim", claimName: HOME_DIRECTORY_CLAIM }
                : home.type === "hostPath"
                  ? { type: "hostPath", root: home.hostPath }
                  : { type: "volume" },
        desktopResources: desktop.resources,
        nodeSelector: desktop.nodeSelector,
        tolerations: desktop.tolerations.map((toleration) => ({ ...toleration })),
        overrides: pyos.odConfigOverrides,
    };
    return { odConfig, credentials };
}

/**
 * abcdesktop 4.4 (upstream's `kubernetes/abcdesktop-4.4.yaml` and `install-4.4.sh`): router, website, console
 * and pyos as Deployments behind Service `http-router` (NodePort by default), MongoDB 8 as a replica set, memcached,
 * speedtest, the desktop service and, optionally, home storage, the demo directory and the image pre-pull.
 */
export function createRelease4_4(
    context: DeploymentContext,
    settings: ReleaseSettings<"4.4">,
    registrySecret: k8s.core.v1.Secret | undefined,
    parent: pulumi.Resource,
): PlatformObjects {
    const child = { parent };
    const keys = new JwtKeys(context, settings.jwtKeys, child);
    const jwtKeysChecksum = contentChecksum("", [keys.generation]);
    const storage =
        settings.desktop.homeDirectory.type === "persistentVolumeClaim"
            ? new HomeDirectoryStorage(context, settings.desktop.homeDirectory, child)
            : undefined;
    const mongodb = new MongodbReplicaSet(context, settings.mongodb, child);
    const memcached = new Memcached(context, settings.memcached, child);
    const speedtest = new Speedtest(context, settings.speedtest, child);
    const website = new Website(context, settings.website, child);
    const console = settings.console.enabled ? new Console(context, settings.console, child) : undefined;
    const router = new Router(
        context,
        settings.router,
        {
            keys,
            jwtKeysChecksum,
            upstreams: [website.service, speedtest.service, ...(console ? [console.service] : [])],
            exposure: settings.exposure,
        },
        child,
    );
    const rbac = new PyosRbac(
        context,
        { namespaceRules: PYOS_4_4_NAMESPACE_RULES, nodeReads: settings.pyos.nodeReads, clusterWide: false },
        child,
    );
    const configuration = pyosConfiguration(context, settings, registrySecret !== undefined);
    const pyos = new PyosDeployment(
        context,
        settings.pyos,
        {
            rbac,
            keys,
            jwtKeysChecksum,
            mongodb: { secret: mongodb.secret, image: mongodb.image, checksum: contentChecksum(context.checksumKey, [mongodb.url]) },
            odConfigText: renderOdConfig4_4(configuration.odConfig),
            credentials: configuration.credentials,
        },
        child,
    );
    exposeFrontDoor(
        context,
        settings.exposure,
        { service: router.service, serviceName: ROUTER_SERVICE_NAME, port: ROUTER_HTTP_PORT },
        child,
    );
    const desktop = new DesktopService(context, child);
    const openldap = settings.openldap.enabled ? new OpenLdapDemo(context, settings.openldap, child) : undefined;
    if (settings.imagePrePull.enabled) {
        new ImagePrePull(context, settings.imagePrePull, desktopImages4_4(settings.desktop), child);
    }
    return {
        services: {
            router: router.service,
            pyos: pyos.service,
            website: website.service,
            console: console?.service,
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
            pyosCredentials: pyos.credentials,
            mongodb: mongodb.secret,
            mongodbKeyfile: mongodb.keyfileSecret,
            registry: registrySecret,
        },
        configMaps: {
            odConfig: pyos.configMap,
            versionConfig: console?.versionConfig,
            mongodbScripts: mongodb.scriptsConfigMap,
            ...Object.fromEntries(Object.entries(pyos.templates).map(([file, configMap]) => [`${file}Template`, configMap])),
        },
        clusterObjects: {
            clusterRole: rbac.clusterRole,
            clusterRoleBinding: rbac.clusterRoleBinding,
            storageClass: storage?.storageClass,
            persistentVolume: storage?.persistentVolume,
        },
    };
}
