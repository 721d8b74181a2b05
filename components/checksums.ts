import { createHmac } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";

/**
 * A checksum of what a pod reads from ConfigMaps and Secrets, for a pod template annotation: when the content
 * changes the annotation changes, so exactly the pods that read it roll (fixed-name ConfigMaps and Secrets do
 * not restart anything by themselves). Secret content is keyed with a per-stack random key (HMAC) so that the
 * annotation, readable by anyone who can read the workload, does not allow guessing a weak password; such a
 * checksum stays a Pulumi secret.
 */
export function contentChecksum(key: pulumi.Input<string>, parts: pulumi.Input<string>[]): pulumi.Output<string> {
    return pulumi.all([key, ...parts]).apply(([hmacKey, ...texts]) =>
        createHmac("sha256", hmacKey).update(texts.join("\0")).digest("hex"),
    );
}
