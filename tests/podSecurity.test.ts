// podSecurity labels the namespace the stack creates with the level Pod Security Admission enforces, and nothing
// when it is `none`, so stacks from before the setting keep their namespace as it was.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AbcdesktopArgs } from "../components/args";
import { POD_SECURITY_ENFORCE_LABEL } from "../components/shared/podSecurity";
import { deployPlatforms, find } from "./support/platform";

async function namespaceLabels(args: AbcdesktopArgs): Promise<Record<string, string>> {
    const platform = await deployPlatforms({ abcdesktop: args });
    return (find(platform.manifests, "Namespace", args.namespace ?? "abcdesktop").metadata.labels ?? {}) as Record<string, string>;
}

describe("podSecurity", () => {
    it("puts no pod security label on the namespace by default", async () => {
        assert.equal((await namespaceLabels({}))[POD_SECURITY_ENFORCE_LABEL], undefined);
        assert.equal((await namespaceLabels({ release: "4.4" }))[POD_SECURITY_ENFORCE_LABEL], undefined);
    });

    it("has release 4.4's namespace enforce baseline when asked", async () => {
        assert.equal((await namespaceLabels({ release: "4.4", podSecurity: "baseline" }))[POD_SECURITY_ENFORCE_LABEL], "baseline");
    });

    it("has release 1.0's namespace enforce privileged when asked, the level its pyos's Docker socket needs", async () => {
        assert.equal((await namespaceLabels({ podSecurity: "privileged" }))[POD_SECURITY_ENFORCE_LABEL], "privileged");
    });

    it("has release 1.0's namespace enforce baseline when pyos does not mount the Docker socket", async () => {
        const labels = await namespaceLabels({ podSecurity: "baseline", pyos: { mountDockerSocket: false } });
        assert.equal(labels[POD_SECURITY_ENFORCE_LABEL], "baseline");
    });
});
