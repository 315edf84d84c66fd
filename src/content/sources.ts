// sources.yaml: a list of CSL-JSON items, each checked against the schema on its own, so that one wrong
// source is reported (with every wrong or unknown field of it) and the others are still loaded.
import { BookletError } from "../errors/index.ts";
import { readContentText } from "../files.ts";
import { checkSchema, type LocatedYaml, parseYaml } from "../shared/index.ts";
import { SourceSchema } from "./schemas.ts";
import type { CslItem, Source } from "./types.ts";

/** Reads the sources into `into`; the problems go to `problems`, and the ids of the rejected items to `rejected`. */
export function loadSources(
  file: string,
  contentDir: string,
  into: Map<string, Source>,
  problems: BookletError[],
  rejected: Set<string>,
): void {
  const text = readContentText(file, contentDir);
  const y = parseYaml(text, file, "SourcesYamlSyntax");
  let list = y.value;
  // A CSL-JSON export may also come wrapped as { references: [...] }
  const wrapped =
    list !== null &&
    typeof list === "object" &&
    !Array.isArray(list) &&
    Array.isArray((list as { references?: unknown }).references);
  if (wrapped) list = (list as { references: unknown[] }).references;
  if (list === null || list === undefined) return;
  if (!Array.isArray(list)) {
    throw new BookletError(
      "SourceInvalid",
      "sources.yaml must be a list of sources (each item starting with `- id: …`).",
      { location: { file, line: 1 }, sourceText: text },
    );
  }
  list.forEach((raw, i) => {
    const item = loadItem(raw, wrapped ? ["references", i] : [i], y, problems, rejected);
    if (!item) return;
    const where = { file, ...y.locate(wrapped ? ["references", i] : [i]) };
    const before = into.get(item.id);
    if (before) {
      problems.push(
        new BookletError("DuplicateId", `The source id ${item.id} is used twice (first at line ${before.line}).`, {
          location: where,
          sourceText: text,
        }),
      );
      return;
    }
    into.set(item.id, { id: item.id, item, file, line: where.line });
  });
}

function loadItem(
  raw: unknown,
  at: (string | number)[],
  y: LocatedYaml,
  problems: BookletError[],
  rejected: Set<string>,
): CslItem | undefined {
  // a field left empty (`issued:`) is a field not known, as when it is left out
  const item =
    raw !== null && typeof raw === "object" && !Array.isArray(raw)
      ? Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== null))
      : raw;
  const id = (item as { id?: unknown } | null)?.id;
  const label = typeof id === "string" ? `Source ${id}: ` : `Source ${Number(at.at(-1)) + 1}: `;
  const checked = checkSchema(SourceSchema, item, y, {
    invalid: "SourceInvalid",
    unknownKey: "SourceInvalid",
    at,
    label,
  });
  if (checked.ok) return checked.data as CslItem;
  problems.push(...checked.errors);
  // its citations are not reported again as citing an unknown source
  if (typeof id === "string") rejected.add(id);
  return undefined;
}
