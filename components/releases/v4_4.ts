import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ReleaseSettings } from "../args";
import { Console } from "../console/console";
import { DesktopService } from "../desktop/desktopService";
import { HomeDirectoryStorage } from "../desktop/homeDirectoryStorage";
import { DesktopSettings4_4 } from "../desktop/settings";
import { ImagePrePull } from "../imagePrePull/imagePrePull";
import { JwtKeys } from "../jwtKeys/jwtKeys";
import { Memcached } from "../memcached/memcached";
import { MongodbReplicaSet } from "../mongodb/replicaSet";
import { OpenLdapDemo } from "../openldap/openldap";
import { Router } from "../router/router";
import { contentChecksum } from "../shared/checksums";
import { DeploymentContext } from "../shared/context";
import { ImageArgs } from "../shared/image";
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

/**
 * abcdesktop 4.4 (upstream's `kubernetes/abcdesktop-4.4.yaml` and `install-4.4.sh`): router, website, console
 * and pyos as Deployments behind NodePort Service `http-router`, MongoDB 8 as a replica set, memcached,
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
            nodePort: settings.exposure.nodePort,
        },
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
            mongodb: mongodb.secret,
            mongodbKeyfile: mongodb.keyfileSecret,
            registry: registrySecret,
        },
        configMaps: { versionConfig: console?.versionConfig, mongodbScripts: mongodb.scriptsConfigMap },
        clusterObjects: { storageClass: storage?.storageClass, persistentVolume: storage?.persistentVolume },
    };
}
