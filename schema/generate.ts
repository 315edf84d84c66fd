// Writes schema/booklet.schema.json from the configuration schema, so that editors complete and check booklet.yaml.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bookletJsonSchema } from "../src/config/schema.ts";

export const SCHEMA_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), "booklet.schema.json");

/** The file's text: the generated schema with a title, so that an editor can name it. */
export function schemaText(): string {
  const generated = bookletJsonSchema() as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  const schema = {
    $schema,
    title: "booklet.yaml",
    description:
      "The configuration of a booklet (booklet build, booklet dev). Generated from src/config/schema.ts by `npm run schema`; do not edit by hand.",
    ...rest,
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

// run as a script: `npm run schema`
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const text = schemaText();
  const before = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, "utf8") : "";
  fs.writeFileSync(SCHEMA_FILE, text);
  process.stdout.write(
    `${path.relative(process.cwd(), SCHEMA_FILE)} ${before === text ? "was up to date" : "written"}\n`,
  );
}
