// README's "Component arguments", generated from the interfaces and TSDoc of components/args.ts with the TypeScript
// compiler API: the same text the inferred schema gives every generated SDK.
import * as ts from "typescript";
import { escapeCell, tableRow } from "./markdown";

interface Field {
    name: string;
    type: string;
    required: boolean;
    doc: string;
}

interface InterfaceDoc {
    name: string;
    doc: string;
    fields: Field[];
}

/** The text of a node's TSDoc, `{@link X}` written as `X`; empty when it has none. */
function docText(node: ts.Node): string {
    const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
    const comment = docs.length > 0 ? ts.getTextOfJSDocComment(docs[docs.length - 1].comment) : undefined;
    return (comment ?? "").replace(/\{@link\s+([^\s|}]+)[^}]*\}/g, "`$1`").trim();
}

function readInterfaces(source: ts.SourceFile): InterfaceDoc[] {
    const interfaces: InterfaceDoc[] = [];
    const missing: string[] = [];
    source.forEachChild((node) => {
        if (!ts.isInterfaceDeclaration(node)) return;
        const name = node.name.text;
        const fields = node.members.filter(ts.isPropertySignature).map((member) => {
            const field: Field = {
                name: member.name.getText(source),
                type: member.type ? member.type.getText(source).replace(/\s+/g, " ") : "any",
                required: member.questionToken === undefined,
                doc: docText(member),
            };
            if (!field.doc) missing.push(`${name}.${field.name}`);
            return field;
        });
        interfaces.push({ name, doc: docText(node), fields });
    });
    if (missing.length > 0) {
        // Pulumi's schema inference turns TSDoc into every SDK's documentation: no field may go without.
        throw new Error(`components/args.ts: fields without TSDoc: ${missing.join(", ")}`);
    }
    return interfaces;
}

/** The component's args first, then the interfaces it uses in the order they are reached, then any others. */
function orderFrom(root: string, interfaces: InterfaceDoc[]): InterfaceDoc[] {
    const byName = new Map(interfaces.map((i) => [i.name, i]));
    const ordered: InterfaceDoc[] = [];
    const queue = byName.has(root) ? [root] : [];
    while (queue.length > 0) {
        const current = byName.get(queue.shift() as string);
        if (!current || ordered.includes(current)) continue;
        ordered.push(current);
        for (const field of current.fields) {
            queue.push(...(field.type.match(/[A-Za-z_]\w*/g) ?? []).filter((word) => byName.has(word)));
        }
    }
    return [...ordered, ...interfaces.filter((i) => !ordered.includes(i))];
}

/** A field's type as code, each reference to another documented interface linked to its table. */
function typeCell(type: string, documented: Set<string>): string {
    const names = new RegExp(`\\b(${[...documented].join("|")})\\b`);
    return type
        .split(names)
        .filter((part) => part !== "")
        .map((part) => (documented.has(part) ? `[\`${part}\`](#${part.toLowerCase()})` : `\`${part}\``))
        .join("");
}

/** One section per interface of args.ts: its description and a table of its fields. */
export function componentArgumentsReference(argsSource: string, rootInterface = "AbcdesktopArgs"): string {
    const source = ts.createSourceFile("args.ts", argsSource, ts.ScriptTarget.Latest, true);
    const interfaces = orderFrom(rootInterface, readInterfaces(source));
    const documented = new Set(interfaces.map((i) => i.name));
    const sections = interfaces.map((i) =>
        [
            `### \`${i.name}\``,
            "",
            ...(i.doc ? [escapeCell(i.doc), ""] : []),
            tableRow(["Field", "Type", "Required", "Description"]),
            "|---|---|---|---|",
            ...i.fields.map((f) =>
                tableRow([`\`${f.name}\``, escapeCell(typeCell(f.type, documented)), f.required ? "yes" : "", escapeCell(f.doc)]),
            ),
        ].join("\n"),
    );
    return sections.join("\n\n");
}
