export { Abcdesktop } from "./abcdesktop";
export * from "./args";
export { DEFAULTS, DEFAULT_IMAGES, DEFAULT_APPLICATION_IMAGES } from "./settings";
export { AbcdesktopArgsError, validateArgs } from "./validation";
export { JWT_SECRETS } from "./keys/jwtKeys";
export { toPkcs1PublicKeyPem } from "./keys/pem";
export { clusterScopedName } from "./naming";
export { argsFromConfig } from "./program/argsFromConfig";
