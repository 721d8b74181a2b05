import * as pulumi from "@pulumi/pulumi";

/**
 * One container image. Every field is optional: what is left out comes from the image's default
 * (see `DEFAULT_IMAGES`) or from the registry and pull policy set for all images.
 */
export interface ImageArgs {
    /** Registry host (and optional path) put in front of the repository, e.g. `registry.example.com/mirror`. Overrides `images.registry` for this image. */
    registry?: string;
    /** Repository (image name without tag), e.g. `abcdesktopio/oc.nginx`. */
    repository?: string;
    /** Tag. Required in effect: the package never runs an image with an implicit `latest`. */
    tag?: string;
    /** Kubernetes `imagePullPolicy`: `Always`, `IfNotPresent` or `Never`. Overrides `images.pullPolicy` for this image. */
    pullPolicy?: string;
}

/** The images of every container the platform runs or that pyos starts for users. */
export interface ImagesArgs {
    /** Registry prefix for every image that does not name its own, e.g. `registry.example.com/abcdesktop-mirror`. Empty means the images' own (Docker Hub) names. */
    registry?: string;
    /** Default `imagePullPolicy` for every image: `Always`, `IfNotPresent` (default) or `Never`. */
    pullPolicy?: string;
    /** The web front end and JWT router, DaemonSet `daemonset-nginx` (default `abcdesktopio/oc.nginx:1.0`). */
    nginx?: ImageArgs;
    /** The API server, DaemonSet `daemonset-pyos` (default `abcdesktopio/oc.pyos:1.1`). */
    pyos?: ImageArgs;
    /** MongoDB with abcdesktop's user-creation script, StatefulSet `mongodb-od` (default `abcdesktopio/oc.mongo:1.0`). */
    mongodb?: ImageArgs;
    /** Memcached, Deployment `memcached-od`. */
    memcached?: ImageArgs;
    /** LibreSpeed bandwidth test, Deployment `speedtest-od` (default `abcdesktopio/oc.speedtest:1.0`). */
    speedtest?: ImageArgs;
    /** Demo OpenLDAP directory, Deployment `openldap-od`. */
    openldap?: ImageArgs;
    /** The user desktop image pyos starts for each login (default `abcdesktopio/oc.user.18.04:1.0`). */
    user?: ImageArgs;
    /** The printing sidecar (cupsd) pyos starts beside a desktop when printing is on. */
    printer?: ImageArgs;
    /** The sound sidecar (pulseaudio) pyos starts beside a desktop when sound is on. */
    sound?: ImageArgs;
    /** The do-nothing container that keeps the image pre-pull pods alive (default `registry.k8s.io/pause:3.10`). */
    pause?: ImageArgs;
    /** Application images pre-pulled on every node when `prePullImages` is on. Replaces the default list (LibreOffice writer/calc/impress, Firefox and Gimp at 1.0). */
    applications?: ImageArgs[];
}

/**
 * Credentials of a private registry, stored as the `kubernetes.io/dockerconfigjson` Secret
 * `abcdesktopregistrysecret`. Give either `server` + `username` + `password`, or `dockerConfigJson`.
 */
export interface RegistryCredentialsArgs {
    /** Registry host, e.g. `registry.example.com` or `https://index.docker.io/v1/`. */
    server?: string;
    /** User name on that registry. */
    username?: string;
    /** Password or access token. Stored as a Pulumi secret. */
    password?: pulumi.Input<string>;
    /** A complete Docker `config.json` document (`{"auths": {...}}`), used as is instead of server/username/password. Stored as a Pulumi secret. */
    dockerConfigJson?: pulumi.Input<string>;
}

/** Where users' home directories live: the StorageClass, PersistentVolume and PersistentVolumeClaim of the seed. */
export interface HomeDirectoryArgs {
    /** How pyos gives a desktop its home: `volume` (a volume inside the user pod, upstream's default) or `persistentVolumeClaim` (the shared claim `persistentvolumeclaim-home-directory`). */
    type?: string;
    /** Absolute path on the node that backs PersistentVolume `pv-volume-home-directory` (default `/var/lib/abcdesktop/home`). */
    hostPath?: string;
    /** Capacity of the PersistentVolume, a Kubernetes quantity (default `10Gi`). */
    capacity?: string;
    /** Storage requested by the claim, a Kubernetes quantity no larger than `capacity` (default `3Gi`). */
    request?: string;
    /** Access mode of volume and claim: `ReadWriteMany` (default), `ReadWriteOnce` or `ReadWriteOncePod`. */
    accessMode?: string;
}

/** MongoDB storage. */
export interface MongodbArgs {
    /** Size of the data volume claimed by each MongoDB pod, a Kubernetes quantity (default `2Gi`). */
    storageSize?: string;
    /** StorageClass of the data volume. Empty (default) means the cluster's default StorageClass. */
    storageClassName?: string;
    /** Password of MongoDB's root user. Default: generated once per stack. Set it to re-attach to retained data (see README). Stored as a Pulumi secret. */
    rootPassword?: pulumi.Input<string>;
    /** Password of MongoDB's `pyos` user. Default: generated once per stack. Set it to re-attach to retained data. Stored as a Pulumi secret. */
    pyosPassword?: pulumi.Input<string>;
}

/** An LDAP directory users log in with (the `planet` provider of od.config). */
export interface LdapArgs {
    /** LDAP URL, e.g. `ldap://ldap.example.com:389` or `ldaps://ldap.example.com:636`. */
    url: string;
    /** Base DN users are searched under, e.g. `ou=people,dc=example,dc=com`. */
    baseDn: string;
    /** DN pyos binds as to search the directory. */
    bindDn: string;
    /** Password of `bindDn`. Stored as a Pulumi secret. */
    bindPassword: pulumi.Input<string>;
}

/** How users log in. */
export interface AuthArgs {
    /** Offer the "Connect with Anonymous" button (default true, as upstream). */
    anonymous?: boolean;
    /** An external LDAP directory. When absent and `openldapDemo` is on, the demo directory is used. */
    ldap?: LdapArgs;
}

/** CPU and memory of one container, as Kubernetes quantities. Requests may not exceed limits. */
export interface ContainerResourcesArgs {
    /** CPU request, e.g. `250m` or `0.5`. */
    cpuRequest?: string;
    /** Memory request, e.g. `64Mi`. */
    memoryRequest?: string;
    /** CPU limit, e.g. `2`. */
    cpuLimit?: string;
    /** Memory limit, e.g. `512Mi`. */
    memoryLimit?: string;
}

/** Requests and limits of the platform's containers; what is left out keeps the default (see `DEFAULT_RESOURCES`). */
export interface ResourcesArgs {
    /** Container `nginx` of DaemonSet `daemonset-nginx`. */
    nginx?: ContainerResourcesArgs;
    /** Container `pyos` of DaemonSet `daemonset-pyos`. */
    pyos?: ContainerResourcesArgs;
    /** Container `mongodb` of StatefulSet `mongodb-od`. */
    mongodb?: ContainerResourcesArgs;
    /** Container `memcached` of Deployment `memcached-od`. */
    memcached?: ContainerResourcesArgs;
    /** Container `speedtest` of Deployment `speedtest-od`. */
    speedtest?: ContainerResourcesArgs;
    /** Container `openldap` of Deployment `openldap-od`. */
    openldap?: ContainerResourcesArgs;
}

/** Settings of the {@link Abcdesktop} component. Everything is optional; defaults reproduce the seed's install. */
export interface AbcdesktopArgs {
    /** Namespace of every namespaced object (default `abcdesktop`). A DNS-1123 label. */
    namespace?: string;
    /** Create the namespace (default true). Set false to deploy into a namespace that already exists and is managed elsewhere. */
    createNamespace?: boolean;
    /** The cluster's DNS domain, used in every service FQDN that nginx and pyos are given (default `cluster.local`). */
    clusterDomain?: string;
    /** Host name or IP address users type in their browser; only used to build the `url` output (default `localhost`). */
    publicHostname?: string;
    /** NodePort of Service `nginx`, the port users open (default 30443, allowed 30000-32767). */
    nodePort?: number;
    /** RSA key size in bits of the three JWT key pairs: 2048 (default), 3072 or 4096. */
    jwtKeySize?: number;
    /** Key generation number (default 0). The JWT keys never change unless this is increased: then all three pairs are replaced and nginx and pyos roll. */
    jwtKeyRotation?: number;
    /** Images of every container. */
    images?: ImagesArgs;
    /** Private registry credentials. Absent: no registry Secret and no `imagePullSecrets`. */
    registryCredentials?: RegistryCredentialsArgs;
    /** Home directory storage. */
    homeDirectory?: HomeDirectoryArgs;
    /** MongoDB storage. */
    mongodb?: MongodbArgs;
    /** Login providers. */
    auth?: AuthArgs;
    /** Deploy the demo OpenLDAP directory `openldap-od` (Planet Express users) and use it for login (default false). */
    openldapDemo?: boolean;
    /** Start a printing (cupsd) container beside each desktop (default false). */
    printing?: boolean;
    /** Start a sound (pulseaudio) container beside each desktop (default false). */
    sound?: boolean;
    /** Pre-pull the user, printer, sound and application images on every node with DaemonSet `daemonset-image-prepull` (default false). */
    prePullImages?: boolean;
    /** Mount the node's `/var/run/docker.sock` into pyos, as the upstream manifest did (default false: containerd-only nodes cannot start such pods). */
    pyosMountDockerSocket?: boolean;
    /** Give pyos its pod, exec, log, event and Secret rights in the whole cluster, as the upstream manifest did (default false: a Role limits them to the namespace; only node reads stay cluster-wide). */
    clusterWideRbac?: boolean;
    /** Create NetworkPolicies so each service is reachable only by the components that call it (default true). Needs a network plugin that enforces them. */
    networkPolicies?: boolean;
    /** Keep data on `pulumi destroy` (default true): the namespace, which holds MongoDB's volume claim, is left in place. False deletes everything, data included. */
    retainDataOnDestroy?: boolean;
    /** CPU and memory requests and limits per container. */
    resources?: ResourcesArgs;
    /** Raw od.config entries, key to Python literal text (e.g. `{"desktop.homedirectorytype": "'volume'"}`): each replaces the generated value of that key or adds it. */
    odConfigOverrides?: { [key: string]: string };
}
