import * as pulumi from "@pulumi/pulumi";
import { Release } from "../shared/settingsModule";

/** Why a stack refuses to change release: the message names what was typed and what to do. */
export function releaseSwitchRefusal(deployed: string, requested: Release): string {
    return (
        `release: ${JSON.stringify(requested)}, but this stack runs release ${JSON.stringify(deployed)}. ` +
        `Switching replaces the platform (README, Switching releases): the JWT keys, MongoDB passwords and home ` +
        `directories carry over, MongoDB's data does not. To switch, run this one update with allowReleaseSwitch: true; ` +
        `to stay, set release back to ${JSON.stringify(deployed)}. Nothing was changed.`
    );
}

/**
 * The release the stack runs, checked against the one it ran before. A Stash keeps, in the stack's state, the
 * release of the first deployment; an update that names another release fails before any Kubernetes object is
 * touched, because every object's `app.kubernetes.io/version` label waits for this check. With
 * `allowReleaseSwitch` the Stash is replaced, so it records the new release.
 */
export function checkedRelease(
    name: string,
    release: Release,
    allowReleaseSwitch: boolean,
    parent: pulumi.Resource,
): pulumi.Output<Release> {
    const deployed = new pulumi.Stash(
        `${name}-release`,
        { input: release },
        { parent, replaceOnChanges: allowReleaseSwitch ? ["input"] : [] },
    );
    return deployed.output.apply((previous: unknown) => {
        // Plain test mocks give a Stash no output: no previous release is known.
        if (previous !== undefined && previous !== release && !allowReleaseSwitch)
            throw new pulumi.RunError(releaseSwitchRefusal(String(previous), release));
        if (previous === release && allowReleaseSwitch) {
            void pulumi.log.warn(
                `allowReleaseSwitch: is true, and release ${JSON.stringify(release)} is the one this stack already runs; leave it out after a switch so that a later change of release is refused again`,
            );
        }
        return release;
    });
}
