import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ComponentScope, DeploymentContext } from "../shared/context";
import { clusterScopedName } from "../shared/naming";
import { DesktopSettings } from "./settings";

export const HOME_DIRECTORY_CLAIM = "persistentvolumeclaim-home-directory";

/**
 * StorageClass `storage-local-abcdesktop`, PersistentVolume `pv-volume-home-directory` (a host path on the
 * node) and PersistentVolumeClaim `persistentvolumeclaim-home-directory`, where users' homes live when
 * od.config's `desktop.homedirectorytype` is `persistentVolumeClaim`.
 */
export class HomeDirectoryStorage extends pulumi.ComponentResource {
    public readonly storageClass: k8s.storage.v1.StorageClass;
    public readonly persistentVolume: k8s.core.v1.PersistentVolume;
    public readonly claim: k8s.core.v1.PersistentVolumeClaim;

    constructor(context: DeploymentContext, home: DesktopSettings["homeDirectory"], opts?: pulumi.ComponentResourceOptions) {
        const name = context.instance;
        super("abcdesktop:index:HomeDirectoryStorage", name, {}, opts);
        const scope = new ComponentScope(context, "desktop");
        const { namespace } = context.platform;
        this.storageClass = new k8s.storage.v1.StorageClass(
            `${name}-storage-local-abcdesktop`,
            {
                metadata: scope.clusterMetadata(clusterScopedName("storage-local-abcdesktop", namespace)),
                provisioner: "kubernetes.io/no-provisioner",
                parameters: { type: "local" },
                reclaimPolicy: "Retain",
                allowVolumeExpansion: true,
                volumeBindingMode: "Immediate",
            },
            { parent: this },
        );
        this.persistentVolume = new k8s.core.v1.PersistentVolume(
            `${name}-pv-volume-home-directory`,
            {
                metadata: scope.clusterMetadata(clusterScopedName("pv-volume-home-directory", namespace), { type: "local" }),
                spec: {
                    storageClassName: this.storageClass.metadata.name,
                    capacity: { storage: home.capacity },
                    volumeMode: "Filesystem",
                    accessModes: [home.accessMode],
                    persistentVolumeReclaimPolicy: "Retain",
                    // Reserved for this stack's claim, so another namespace's claim cannot take it.
                    claimRef: { namespace, name: HOME_DIRECTORY_CLAIM },
                    hostPath: { path: home.hostPath, type: "DirectoryOrCreate" },
                },
            },
            { parent: this },
        );
        this.claim = new k8s.core.v1.PersistentVolumeClaim(
            `${name}-${HOME_DIRECTORY_CLAIM}`,
            {
                metadata: scope.metadata(HOME_DIRECTORY_CLAIM),
                spec: {
                    storageClassName: this.storageClass.metadata.name,
                    accessModes: [home.accessMode],
                    volumeName: this.persistentVolume.metadata.name,
                    resources: { requests: { storage: home.request } },
                },
            },
            { parent: this },
        );
        this.registerOutputs({});
    }
}
