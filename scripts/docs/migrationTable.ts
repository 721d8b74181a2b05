// CHANGELOG's "Migrating from 0.1" tables, from the one table of moved settings.
import { MOVED_ARGUMENTS, MOVED_CONFIG_KEYS } from "../../components/migration";
import { tableRow } from "./markdown";

export function migrationTables(): string {
    const table = (header: [string, string], moves: Readonly<Record<string, string>>) =>
        [tableRow(header), "|---|---|", ...Object.entries(moves).map(([from, to]) => tableRow([`\`${from}\``, `\`${to}\``]))].join("\n");
    return [
        "Stack config (`pulumi config set --path <setting> <value>`):",
        "",
        table(["0.1 config key", "0.2 setting"], MOVED_CONFIG_KEYS),
        "",
        "Component arguments (a key moves everything under it: `images.pyos.tag` becomes `pyos.image.tag`):",
        "",
        table(["0.1 argument", "0.2 argument"], MOVED_ARGUMENTS),
    ].join("\n");
}
