// ESLint flat config: JavaScript and typescript-eslint recommended rules, without type information so linting stays
// fast and also covers files outside tsconfig.json (examples, scripts). Formatting is Prettier's job (npm run lint).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
    {
        ignores: [
            "bin/",
            "node_modules/",
            ".venv/",
            "bench/.out/",
            "reports/",
            ".stryker-tmp/",
            "examples/*/node_modules/",
            "examples/*/sdks/",
        ],
    },
    js.configs.recommended,
    tseslint.configs.recommended,
    {
        // Programs and tests load modules with require() on purpose: Pulumi's mocks must be installed before the
        // module that creates resources is evaluated, and a static import would be hoisted above that.
        files: ["**/*.ts"],
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
    {
        // Scripts mongosh runs inside MongoDB's container: a Node.js script with mongosh's `db`.
        files: ["components/mongodb/scripts/*.js"],
        languageOptions: {
            sourceType: "commonjs",
            globals: { db: "readonly", require: "readonly", process: "readonly", console: "readonly" },
        },
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
);
