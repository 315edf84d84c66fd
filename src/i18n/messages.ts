// The fixed text of a booklet (headings, cover and title-page phrases, colophon, PDF metadata) in its language:
// a catalogue per language, booklet.yaml's `messages:` over it, formatted with ICU MessageFormat so that a
// phrase carries its own plural and ordinal rules (CLDR's, through Intl.PluralRules).
import { IntlMessageFormat } from "intl-messageformat";
import { az, type Catalogue, de, en, fr, ja, ko, type MessageId, ru, tr } from "./catalogues/index.ts";

export type { Catalogue, MessageId };

/** The shipped catalogues, by language subtag. */
export const CATALOGUES: Readonly<Record<string, Catalogue>> = { en, az, ru, tr, de, fr, ko, ja };

export const MESSAGE_IDS = Object.keys(en) as MessageId[];

/** The English text of each message: the schema's description of its key. */
export const ENGLISH: Readonly<Catalogue> = en;

/**
 * The values every message can use, given by the build (a template's `{{t "id" name=value}}` adds its own):
 * the edition's values in the booklet's language, and the booklet's own.
 */
export const MESSAGE_VALUES = {
  n: "the anniversary, a number (37): for plural and selectordinal",
  ordinal: "the anniversary as an ordinal (37th)",
  date: "the anniversary date written out (20 January 2027)",
  eventDate: "the event's date written out (20 January 1990)",
  year: "the edition's year (2027)",
  number: "the edition's number in the series, a number (2)",
  numberOrdinal: "the edition's number as an ordinal (2nd)",
  printDate: "the date the edition is printed, written out",
  title: "the booklet's title (in citation.title and bibliography.title, the source's; in changes.md, a chapter's)",
  subtitle: "the booklet's subtitle",
  publisher: "who publishes the booklet",
  generator: "booklet and its version",
  fonts: "colophon.production: the typefaces the booklet is set in (Source Serif 4 and Source Sans 3)",
  first: "names.and: the names before the last",
  last: "names.and: the last name",
  previousYear: "changes.md: the year of the edition compared with (2026)",
  reason: "changes.md: why the previous edition could not be prepared",
  titles: "changes.md: the titles of the chapters that did not change, listed",
  text: "changes.md: a paragraph added or removed",
  count: "changes.md: how many more passages, or rows, a number",
  name: "changes.md: a data table's name",
  key: "changes.md: a table row's key columns (measure=killed, source=omm-2026)",
} as const;

export type MessageValues = Partial<Record<keyof typeof MESSAGE_VALUES, string | number>>;

export interface Messages {
  /** the booklet's language */
  readonly language: string;
  /** the language of the catalogue used ("en" when there is none for the booklet's language) */
  readonly catalogue: string;
  /** true when the booklet's language has no shipped catalogue and English stands in for it */
  readonly fallback: boolean;
  /** the ids that neither the catalogue of the language nor booklet.yaml gives: printed in English */
  readonly missing: MessageId[];
  format(id: MessageId, values?: Record<string, unknown>): string;
}

/** The catalogue for a BCP 47 tag: its language subtag's (az-Latn-AZ → az), or none. */
export function catalogueLanguage(language: string): string | undefined {
  let base: string;
  try {
    base = new Intl.Locale(language).language;
  } catch {
    base = language.split("-")[0].toLowerCase();
  }
  return base in CATALOGUES ? base : undefined;
}

export function createMessages(options: {
  language: string;
  overrides?: Partial<Record<string, string>>;
  values?: MessageValues;
}): Messages {
  const { language } = options;
  const own = catalogueLanguage(language);
  const overrides = options.overrides ?? {};
  const compiled = new Map<MessageId, IntlMessageFormat>();
  const compile = (id: MessageId): IntlMessageFormat => {
    let m = compiled.get(id);
    if (!m) {
      const override = overrides[id];
      // the catalogue's plural rules are its own language's: English stands in with English rules
      const [text, locale] =
        override !== undefined ? [override, language] : own ? [CATALOGUES[own][id], language] : [en[id], "en"];
      m = new IntlMessageFormat(text, locale, undefined, { ignoreTag: true });
      compiled.set(id, m);
    }
    return m;
  };
  return {
    language,
    catalogue: own ?? "en",
    fallback: own === undefined,
    missing: own ? [] : MESSAGE_IDS.filter((id) => overrides[id] === undefined),
    format(id, values) {
      return String(compile(id).format({ ...options.values, ...values }));
    },
  };
}

/**
 * What is wrong with a message written in booklet.yaml, in an editor's words, or undefined: its syntax, or a
 * value it uses that booklet does not give.
 */
export function messageProblem(text: string, language: string): string | undefined {
  let ast: unknown;
  try {
    ast = new IntlMessageFormat(text, language, undefined, { ignoreTag: true }).getAst();
  } catch (e) {
    const err = e as Error & { location?: { start: { column: number } } };
    const at = err.location ? ` at character ${err.location.start.column}` : "";
    return `it is not ICU MessageFormat${at} (${err.message.replace(/_/g, " ").toLowerCase()}): write {name} for a value, {n, plural, one {…} other {…}} or {n, selectordinal, …}, and '{' for a brace`;
  }
  const unknown = [...argumentNames(ast)].filter((name) => !(name in MESSAGE_VALUES));
  if (unknown.length)
    return `it uses {${unknown[0]}}, which booklet does not give; the values are ${Object.keys(MESSAGE_VALUES)
      .map((v) => `{${v}}`)
      .join(", ")}`;
  return undefined;
}

/** Every value a parsed message refers to, inside plural and select options too. */
function argumentNames(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const n of node) argumentNames(n, into);
  } else if (node && typeof node === "object") {
    const n = node as {
      value?: unknown;
      type?: number;
      options?: Record<string, { value: unknown }>;
      children?: unknown;
    };
    // types: 1 argument, 2 number, 3 date, 4 time, 5 select, 6 plural and selectordinal (intl-messageformat's AST)
    if (typeof n.type === "number" && n.type >= 1 && n.type <= 6 && typeof n.value === "string") into.add(n.value);
    if (n.options) for (const option of Object.values(n.options)) argumentNames(option.value, into);
    if (n.children) argumentNames(n.children, into);
  }
  return into;
}
