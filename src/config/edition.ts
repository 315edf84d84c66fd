// The values of one anniversary edition, computed from the event date: number, ordinal, years, dates.
import { BookletError } from "../errors/index.ts";
import { createMessages, type Messages, type MessageValues } from "../i18n/index.ts";

export interface Edition {
  /** the calendar year of the anniversary */
  year: number;
  /** how many years since the event (the anniversary number) */
  anniversary: number;
  /** the anniversary number as an ordinal in the booklet's language: "37th" */
  ordinal: string;
  /** same as anniversary: kept for prose ("{{edition.years}} years ago") */
  years: number;
  /** the anniversary date, YYYY-MM-DD */
  date: string;
  /** the anniversary date written out in the booklet's language: "20 January 2027" */
  dateText: string;
  /** the event date written out: "20 January 1990" */
  eventDateText: string;
  /** the edition's number in the series, counted from firstEdition (1 when not configured) */
  number: number;
  /** the edition's number as an ordinal */
  numberOrdinal: string;
  /** the date the edition is printed (the build date), YYYY-MM-DD */
  printDate: string;
  printDateText: string;
}

/**
 * The ordinal of a number in the booklet's language: from `ordinals:` (forms by Intl.PluralRules ordinal
 * category) when booklet.yaml gives them, else the `ordinal` message of the language's catalogue (37th, 37-ci,
 * 37.), over which booklet.yaml's `messages:` may write its own.
 */
export function ordinal(
  n: number,
  language: string,
  forms?: Partial<Record<Intl.LDMLPluralRule, string>>,
  messages?: Messages,
): string {
  if (!forms) return (messages ?? createMessages({ language })).format("ordinal", { n });
  const category = new Intl.PluralRules(language, { type: "ordinal" }).select(n);
  const pattern = forms[category] ?? forms.other ?? "{n}";
  return pattern.replace("{n}", String(n));
}

function parseIso(date: string): { y: number; m: number; d: number } {
  const [y, m, d] = date.split("-").map(Number);
  return { y, m, d };
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** The anniversary date in a given year (29 February falls on 28 February in common years). */
export function anniversaryDate(eventDate: string, year: number): string {
  const { m, d } = parseIso(eventDate);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return iso(year, m, m === 2 && d === 29 && !leap ? 28 : d);
}

/** The year of the next anniversary on or after `today` (YYYY-MM-DD). */
export function defaultEditionYear(eventDate: string, today: string): number {
  const { y } = parseIso(today);
  return anniversaryDate(eventDate, y) >= today ? y : y + 1;
}

export function formatDate(date: string, language: string): string {
  return new Intl.DateTimeFormat(language, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

export function computeEdition(options: {
  eventDate: string;
  year: number;
  language: string;
  firstEdition?: number;
  printDate: string;
  ordinals?: Partial<Record<Intl.LDMLPluralRule, string>>;
  /** the booklet's messages (its `ordinal`); the language's catalogue when not given */
  messages?: Messages;
}): Edition {
  const { eventDate, year, language } = options;
  const eventYear = parseIso(eventDate).y;
  if (!Number.isInteger(year)) {
    throw new BookletError("Usage", `The edition must be a whole year, such as ${eventYear + 37}; got ${year}.`);
  }
  if (year <= eventYear) {
    throw new BookletError(
      "Usage",
      `The edition ${year} is not after the event (${eventDate}): an edition marks an anniversary, the first in ${eventYear + 1}.`,
    );
  }
  const anniversary = year - eventYear;
  const first = options.firstEdition ?? year;
  const number = Math.max(1, year - first + 1);
  const date = anniversaryDate(eventDate, year);
  return {
    year,
    anniversary,
    ordinal: ordinal(anniversary, language, options.ordinals, options.messages),
    years: anniversary,
    date,
    dateText: formatDate(date, language),
    eventDateText: formatDate(eventDate, language),
    number,
    numberOrdinal: ordinal(number, language, options.ordinals, options.messages),
    printDate: options.printDate,
    printDateText: formatDate(options.printDate, language),
  };
}

/** Today, or the day of SOURCE_DATE_EPOCH when it is set (reproducible builds). */
export function buildDate(env: NodeJS.ProcessEnv = process.env): { date: string; epochSeconds: number | undefined } {
  const sde = env.SOURCE_DATE_EPOCH;
  if (sde !== undefined && sde !== "") {
    const seconds = Number(sde);
    if (!Number.isInteger(seconds) || seconds < 0) {
      throw new BookletError("Usage", `SOURCE_DATE_EPOCH must be a whole number of seconds since 1970; got "${sde}".`);
    }
    return { date: new Date(seconds * 1000).toISOString().slice(0, 10), epochSeconds: seconds };
  }
  return { date: new Date().toISOString().slice(0, 10), epochSeconds: undefined };
}

/** The values the build gives every message: the edition's, in the booklet's language, and the booklet's own. */
export function bookletValues(
  edition: Edition,
  booklet: { title: string; subtitle?: string; publisher?: string },
  generator: string,
): MessageValues {
  return {
    n: edition.anniversary,
    ordinal: edition.ordinal,
    date: edition.dateText,
    eventDate: edition.eventDateText,
    // text, not a number: a year is not grouped into thousands (2,027)
    year: String(edition.year),
    number: edition.number,
    numberOrdinal: edition.numberOrdinal,
    printDate: edition.printDateText,
    title: booklet.title,
    subtitle: booklet.subtitle ?? "",
    publisher: booklet.publisher ?? "",
    generator,
  };
}
