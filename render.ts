// `npm run render`: the program's Kubernetes objects as YAML, offline. See components/render.
import { runRender } from "./components/render/renderCommand";

runRender(process.argv.slice(2), __dirname, () => require("./index")).then((code) => {
    process.exitCode = code;
});
