// Unit tests of programs that use the component, under Pulumi's mocks: `@abcdesktop/abcdesktop/testing`.
export { AbcdesktopMocks, registrationsSettled, unwrapSecrets } from "./mocks";
export type { AbcdesktopMocksOptions, RegisteredResource } from "./mocks";
