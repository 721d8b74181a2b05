import { createHmac } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";

/**
 * A checksum of what a pod reads from ConfigMaps and Secrets, for a pod template annotation: when the content
 * changes the annotation changes, so exactly the pods that read it roll (fixed-name ConfigMaps and Secrets do
 * not restart anything by themselves).
 *
 * Secret content is keyed with a per-stack random key (HMAC): the result tells nothing about the content, not
 * even to someone guessing a weak password, so it is deliberately not a Pulumi secret. Were it one, the engine
 * would hide the whole pod template in every preview.
 */
export function contentChecksum(key: pulumi.Input<string>, parts: pulumi.Input<string>[]): pulumi.Output<string> {
    // Under a consumer's plain mocks no provider computes the key or the passwords: a missing value is empty text.
    return pulumi.unsecret(
        pulumi.all([key, ...parts]).apply(([hmacKey, ...texts]) =>
            createHmac("sha256", hmacKey ?? "")
                .update(texts.map((t) => t ?? "").join("\0"))
                .digest("hex"),
        ),
    );
}
