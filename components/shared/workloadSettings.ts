import { checkImage, ImageArgs } from "./image";
import { checkResources, ResolvedResources } from "./resources";
import { SettingsCheck } from "./validation";

/** The defaults of a block that is one container: its image and its requests and limits. */
export interface ContainerDefaults {
    image: ImageArgs;
    resources: ResolvedResources;
}

/** Checks a block's `image` and `resources`. */
export function checkContainer(check: SettingsCheck, block: string): void {
    checkImage(check, `${block}.image`);
    checkResources(check, `${block}.resources`);
}
