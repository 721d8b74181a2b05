// `npm run schema:update`: rewrites schema.json after a deliberate change of the component's public contract
// (tests/schema.test.ts fails until the snapshot matches the source again).
import { writeFileSync } from "node:fs";
import { formatSchema, inferSchema, SCHEMA_PATH } from "./schema";

inferSchema().then(
    (schema) => {
        writeFileSync(SCHEMA_PATH, formatSchema(schema));
        console.log(`wrote ${SCHEMA_PATH}`);
    },
    (error: unknown) => {
        console.error(error);
        process.exitCode = 1;
    },
);
