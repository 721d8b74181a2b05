import * as pulumi from "@pulumi/pulumi";
import { Abcdesktop, argsFromConfig } from "./components";

const platform = new Abcdesktop("abcdesktop", argsFromConfig(new pulumi.Config()));

export const url = platform.url;
export const namespace = platform.namespace;
export const nodePort = platform.nodePort;
export const serviceNames = platform.serviceNames;
export const secretNames = platform.secretNames;
export const configMapNames = platform.configMapNames;
export const clusterObjectNames = platform.clusterObjectNames;
