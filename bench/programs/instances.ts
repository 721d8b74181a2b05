// BENCH_COUNT Abcdesktop instances with the stack's config, each in its own namespace with its own nodePort.
import * as pulumi from "@pulumi/pulumi";
import { Abcdesktop, argsFromConfig } from "../../components";
import { benchCount } from "./count";

const base = argsFromConfig(new pulumi.Config());
const platforms = Array.from(
    { length: benchCount() },
    (_, i) => new Abcdesktop(`abcdesktop-${i}`, { ...base, namespace: `abcdesktop-${i}`, exposure: { nodePort: 30443 + i } }),
);

export const urls = platforms.map((platform) => platform.url);
