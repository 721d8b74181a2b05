import { abcdesktopProgram } from "./components/program/program";

// The exported object's properties are the stack outputs.
export = abcdesktopProgram();
