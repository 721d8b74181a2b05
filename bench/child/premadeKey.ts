import type * as pulumi from "@pulumi/pulumi";
import type { AbcdesktopMocks } from "../../components/testing/mocks";

const TLS_PRIVATE_KEY = "tls:index/privateKey:PrivateKey";

/**
 * Makes the render mocks answer every tls PrivateKey with one key made beforehand, instead of generating an RSA
 * key per resource: in production the tls provider pays that, not the program. Everything else is unchanged
 * (evaluateProgram creates its own AbcdesktopMocks, so the class it uses is patched).
 */
export function usePremadeKey(
    mocksClass: typeof AbcdesktopMocks,
    unwrapSecrets: (value: unknown) => unknown,
    keyState: Record<string, string>,
): void {
    const original = mocksClass.prototype.newResource;
    mocksClass.prototype.newResource = function (this: AbcdesktopMocks, args: pulumi.runtime.MockResourceArgs) {
        if (args.type !== TLS_PRIVATE_KEY) {
            return original.call(this, args);
        }
        const inputs = args.inputs as Record<string, unknown>;
        this.resources.push({ type: args.type, name: args.name, inputs, provider: args.provider });
        return { id: `${args.name}-id`, state: { ...(unwrapSecrets(inputs) as Record<string, unknown>), ...keyState } };
    };
}
