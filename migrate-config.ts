// `npm run migrate-config -- --stack <name>`: moves a stack file's settings from 0.1's keys to 0.2's blocks.
import { runMigrateConfig } from "./components/program/migrateStackFile";

process.exitCode = runMigrateConfig(process.argv.slice(2), __dirname);
