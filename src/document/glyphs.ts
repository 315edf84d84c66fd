// The fonts a document needs, chosen before the browser starts: every character the document prints is
// looked up in the character maps (cmap) of the booklet's fonts; a script they do not draw gets its fonts
// (scripts.ts), and a character no font has is an error at its place in the content. Chromium would
// otherwise draw it in a system font, or as nothing, and the PDF would say so only as lost text.
import fs from "node:fs";
import path from "node:path";
import { decodeHTML } from "entities";
import { create } from "fontkitten";
import { BookletError } from "../errors/index.ts";
import { type FontFace, fontListFaces, fontMetadata, readFaces } from "./fonts.ts";
import {
  installed,
  packagesFor,
  type ScriptFonts,
  type ScriptPackages,
  scriptFaces,
  scriptOf,
  unicodeScriptOf,
} from "./scripts.ts";

/** The characters of each font file, read once a process (a file is read only when a character needs it). */
const cmaps = new Map<string, Set<number>>();
function cmapOf(file: string): Set<number> {
  let set = cmaps.get(file);
  if (!set) {
    const font = create(fs.readFileSync(cmapSource(file)));
    // a woff2 or woff file of @fontsource holds one font, never a collection
    set = new Set("characterSet" in font ? font.characterSet : []);
    cmaps.set(file, set);
  }
  return set;
}

/**
 * The file a font's character map is read from. A woff2 holds all its tables in one Brotli stream, which
 * fontkitten decodes in JavaScript, the outlines too, for the map alone (about 30 ms a file); the woff that
 * @fontsource ships beside each woff2 is the same font with each table compressed apart, and only its map is
 * inflated (about 5 ms). Chromium is still given the woff2 (fonts.ts).
 */
export function cmapSource(file: string): string {
  if (!/\.woff2$/i.test(file) || !file.includes(`${path.sep}@fontsource${path.sep}`)) return file;
  const woff = file.slice(0, -1);
  return fs.existsSync(woff) ? woff : file;
}

/**
 * The code points the document prints: the text of its body (charts' labels included), its entities
 * decoded. Controls and format characters (soft hyphens, joiners, marks of direction) draw nothing.
 */
export function printedCodePoints(html: string): Set<number> {
  const body = html
    .replace(/<head[\s>][\s\S]*?<\/head>/i, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<(style|script)[\s>][\s\S]*?<\/\1>/gi, "")
    .replace(/<[^>]*>/g, " ");
  const used = new Set<number>();
  for (const ch of decodeHTML(body)) {
    if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp} ]/u.test(ch)) continue;
    used.add(ch.codePointAt(0)!);
  }
  return used;
}

/** Whether every family of the booklet draws the code point with one of its faces. */
function covered(cp: number, faces: FontFace[], families: string[]): boolean {
  return families.every((family) => faces.some((f) => f.family === family && draws(f, cp)));
}

export interface FontPlan {
  /** the @font-face rules: the booklet's fonts, and those of the scripts the document uses */
  css: string;
  /** the scripts given fonts of their own, with the packages that draw them */
  scripts: { name: string; packages: ScriptPackages }[];
  /** a MissingGlyph error for each character (or script) that no font draws */
  problems: BookletError[];
}

export interface FontPlanOptions {
  /** fonts.txt's entries: "source-serif-4/400.css" */
  list: string[];
  /** the faces of the content's own font files (fonts/), whose rules the build writes itself */
  local?: FontFace[];
  /** fonts.fallback's installed packages: for characters of no script booklet has fonts for */
  fallback?: string[];
  language: string;
  html: string;
  /** the files the document was made from, in the order a character is looked for in them */
  files: { file: string; text: string }[];
  contentDir?: string;
}

/** A character no font draws, with the others of its script that the same fonts would draw. */
interface Missing {
  cps: number[];
  script?: ScriptFonts;
  /** the Unicode script of characters of no script with fonts of booklet's ("Arabic") */
  otherScript?: string;
  packages?: ScriptPackages;
  /** the script's packages are installed, and lack the character */
  lacking: boolean;
}

export async function planFonts(options: FontPlanOptions): Promise<FontPlan> {
  const local = options.local ?? [];
  const primary = [...local, ...fontListFaces(options.list, options.contentDir)];
  const families = [...new Set(primary.map((f) => f.family))];
  const faces = [...primary];
  // by script name, or for fonts.fallback's faces by package and slice (a script's name may come twice)
  const added = new Map<string, { name: string; packages: ScriptPackages; faces: FontFace[] }>();
  const missing = new Map<string, Missing>();
  // fonts.fallback's regular faces, read once, when a character first needs them
  let lenders: Lender[] | undefined;
  const used = [...printedCodePoints(options.html)].sort((a, b) => a - b);
  for (const cp of used) {
    if (!families.length || covered(cp, faces, families)) continue;
    const script = scriptOf(cp);
    const packages = script && packagesFor(script, options.language);
    if (script && packages && !added.has(script.name) && installed(packages, options.contentDir)) {
      const more = scriptFaces(script, packages, primary, options.contentDir);
      added.set(script.name, { name: script.name, packages, faces: more });
      faces.push(...more);
      if (covered(cp, faces, families)) continue;
    }
    if (!script) {
      lenders ??= fallbackLenders(options.fallback ?? [], options.contentDir);
      const lent = fallbackFaces(cp, lenders, primary, options.contentDir);
      if (lent) {
        added.set(lent.key, { name: lent.name, packages: lent.packages, faces: lent.faces });
        faces.push(...lent.faces);
        if (covered(cp, faces, families)) continue;
      }
    }
    const lacking = script !== undefined && added.has(script.name);
    // a script whose fonts are not installed is one problem, and so is a script booklet has no fonts for (a
    // sentence in Arabic is not twenty problems); any other character that no font has is one each
    const otherScript = script ? undefined : unicodeScriptOf(cp);
    const key = script && !lacking ? script.name : otherScript ? `script ${otherScript}` : `U+${cp}`;
    const entry = missing.get(key) ?? missing.set(key, { cps: [], script, otherScript, packages, lacking }).get(key)!;
    entry.cps.push(cp);
  }
  if (missing.size) await loadCharacterNames();
  // a script's fonts come in slices of a few hundred characters: only those the document draws are listed
  const drawn = (f: FontFace) => used.some((cp) => f.ranges.some(([lo, hi]) => cp >= lo && cp <= hi));
  return {
    css: [...primary.filter((f) => !local.includes(f)), ...[...added.values()].flatMap((a) => a.faces.filter(drawn))]
      .map((f) => f.css)
      .join("\n\n"),
    // one line a script and its packages, however many slices of them were lent
    scripts: [
      ...new Map([...added.values()].map((a) => [`${a.name}|${a.packages.serif}|${a.packages.sans}`, a])).values(),
    ].map((a) => ({ name: a.name, packages: a.packages })),
    problems: [...missing.values()].map((m) =>
      missingGlyph(m, { faces, families, fallback: options.fallback, contentDir: options.contentDir }, options.files),
    ),
  };
}

/**
 * The faces of the first of fonts.fallback's packages that draws the code point: the package's slice (an
 * @fontsource file covers a unicode-range) that has it, declared under each of the booklet's faces, as a script's
 * Noto fonts are (scriptFaces), for that slice's characters alone. Undefined when none has it.
 */
function fallbackFaces(
  cp: number,
  lenders: Lender[],
  primary: FontFace[],
  contentDir?: string,
): { key: string; name: string; packages: ScriptPackages; faces: FontFace[] } | undefined {
  for (const { pkg, faces: regular } of lenders) {
    const slices = regular.filter((f) => draws(f, cp));
    if (!slices.length) continue;
    const ranges = slices.flatMap((f) => f.ranges);
    const lent: ScriptFonts = {
      name: unicodeScriptOf(cp) ?? "Other characters",
      ranges,
      fonts: { serif: pkg, sans: pkg },
    };
    const faces = scriptFaces(lent, lent.fonts, primary, contentDir);
    return { key: `${pkg} ${JSON.stringify(ranges)}`, name: lent.name, packages: lent.fonts, faces };
  }
  return undefined;
}

/** A package of fonts.fallback with the faces of its weight nearest to regular: one a slice of characters. */
interface Lender {
  pkg: string;
  faces: FontFace[];
}

function fallbackLenders(packages: string[], contentDir?: string): Lender[] {
  return packages.map((pkg) => {
    const { weights } = fontMetadata(pkg, contentDir);
    const regular = weights.reduce((a, b) => (Math.abs(b - 400) < Math.abs(a - 400) ? b : a));
    return { pkg, faces: readFaces(pkg, `${regular}.css`, contentDir) };
  });
}

/** Unicode's names of characters, loaded when a character needs naming: the table takes 0.2 s to load. */
let unicodeName: ((cp: number) => string | undefined) | undefined;
async function loadCharacterNames(): Promise<void> {
  unicodeName ??= (await import("unicode-name")).unicodeName;
}

/** "U+D55C HANGUL SYLLABLE HAN (한)" */
function describeCodePoint(cp: number): string {
  const name = unicodeName?.(cp);
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}${name ? ` ${name}` : ""} (${String.fromCodePoint(cp)})`;
}

/** The booklet's fonts, to name those that lack a character and one that has it. */
interface Loaded {
  faces: FontFace[];
  families: string[];
  /** fonts.fallback's packages, none of which has the character */
  fallback?: string[];
  contentDir?: string;
}

/** booklet's own typefaces, always installed: a character that the content's own font files lack may be in them. */
const SHIPPED = ["source-serif-4/400.css", "source-sans-3/400.css"];

const draws = (f: FontFace, cp: number) => f.ranges.some(([lo, hi]) => cp >= lo && cp <= hi) && cmapOf(f.file).has(cp);

/** A family as a message names it: with its files when they are the content's own ("DejaVu Serif (fonts/…)"). */
function familyLabel(family: string, faces: FontFace[]): string {
  const refs = [...new Set(faces.flatMap((f) => (f.family === family && f.ref ? [f.ref] : [])))];
  return refs.length ? `${family} (${refs.join(", ")})` : family;
}

/** The booklet's families that lack the character, and a font that has it: another family of the booklet or a shipped one. */
function whoHas(cp: number, loaded: Loaded): { lacking: string[]; holder?: string } {
  const has = (family: string, faces: FontFace[]) => faces.some((f) => f.family === family && draws(f, cp));
  // a family's own files are named, those that lack it
  const without = loaded.faces.filter((f) => !draws(f, cp));
  const lacking = loaded.families.filter((f) => !has(f, loaded.faces)).map((f) => familyLabel(f, without));
  const own = loaded.families.find((f) => has(f, loaded.faces));
  if (own) return { lacking, holder: familyLabel(own, loaded.faces) };
  const shipped = fontListFaces(SHIPPED, loaded.contentDir);
  const other = shipped.find((f) => draws(f, cp));
  return { lacking, holder: other && `${other.family} (@fontsource/${other.pkg})` };
}

function missingGlyph(m: Missing, loaded: Loaded, files: FontPlanOptions["files"]): BookletError {
  const found = firstUse(m.cps, files);
  const cp = found?.cp ?? m.cps[0];
  const more =
    m.cps.length > 1
      ? `, and ${m.cps.length - 1} more character${m.cps.length > 2 ? "s" : ""} of ${m.script?.name ?? m.otherScript ?? "the same kind"}`
      : "";
  const pkgs = m.packages ? [m.packages.serif, m.packages.sans].map((p) => `@fontsource/${p}`) : [];
  const names = loaded.families.map((f) => familyLabel(f, loaded.faces));
  const fonts = `${names.join(" and ")} ${names.length > 1 ? "do" : "does"}`;
  const fix = !m.script
    ? noScriptFix(cp, loaded, fonts, m.cps.length > 1)
    : m.lacking
      ? `Not even ${pkgs.join(" or ")}, which draw ${m.script.name}, has it: replace the character.`
      : `${fonts} not draw ${m.script.name}; ${pkgs.join(" and ")} do: install them beside the content (\`npm install ${pkgs.join(" ")}\`) and build again.`;
  const message = `No font the booklet loads has ${describeCodePoint(cp)}${more}, which the ${found ? "file" : "document"} uses. ${fix}`;
  return new BookletError(
    "MissingGlyph",
    message,
    found ? { location: { file: found.file, line: found.line, column: found.column }, sourceText: found.text } : {},
  );
}

/**
 * What to do about a character of no script booklet has fonts for (`many`: and others of its Unicode script):
 * a font that has the one named, when one does.
 */
function noScriptFix(cp: number, loaded: Loaded, fonts: string, many: boolean): string {
  const { lacking, holder } = whoHas(cp, loaded);
  const [it, character] = many ? ["them", "characters"] : ["it", "character"];
  // a font of templates/fonts.txt would not do: every family of the booklet must draw every character
  const listed = loaded.fallback?.length
    ? `, nor ${loaded.fallback.map((p) => `@fontsource/${p}`).join(" or ")} of fonts.fallback`
    : "";
  if (!holder)
    return `${fonts} not have ${it}${listed}, and booklet knows no @fontsource font for ${it}: install an @fontsource package that has ${it} beside the content and name it in booklet.yaml's fonts.fallback, or replace the ${character}.`;
  return `${lacking.join(" and ")} ${lacking.length > 1 ? "do" : "does"} not have ${it}; ${holder} does: use a font that has the ${character} (in booklet.yaml's fonts:, or a file of the family that has ${it} in fonts/), or replace the ${character}.`;
}

/** The first of the characters found in the files, with its line and column (1-based). */
function firstUse(
  cps: number[],
  files: FontPlanOptions["files"],
): { cp: number; file: string; text: string; line: number; column: number } | undefined {
  const wanted = new Set(cps);
  for (const { file, text } of files) {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < text.length; i++) {
      const cp = text.codePointAt(i)!;
      if (cp === 0x0a) [line, lineStart] = [line + 1, i + 1];
      if (wanted.has(cp)) return { cp, file, text, line, column: i - lineStart + 1 };
      if (cp > 0xffff) i++;
    }
  }
  return undefined;
}
