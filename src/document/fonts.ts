// The booklet's typefaces: found by family name in the content folder's fonts/ or as an installed @fontsource
// package, every face the stylesheet uses checked before layout, and written as @font-face rules.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { type Font, create as openFont } from "fontkitten";
import type { FontsConfig } from "../config/index.ts";
import { BookletError, BookletErrors } from "../errors/index.ts";
import { checkContentFile, MAX_FILE_BYTES } from "../files.ts";
import { lineColumn } from "../shared/index.ts";

const require = createRequire(import.meta.url);

/** The URL prefix under which the local servers serve @fontsource packages. */
export const FONT_PREFIX = "/_fonts/";
/** The content folder's own font files: fonts/NAME.ttf. */
export const FONTS_DIR = "fonts";
const FONT_FILE = /\.(ttf|otf|woff2?)$/i;

/** @fontsource packages found, by content folder and package name. */
const packageDirs = new Map<string, string>();
/** the folder each package was last found in, by package name: the local servers serve it from there (fontFile) */
const servedDirs = new Map<string, string>();

/** The folder of an @fontsource package: the content's project's node_modules first, then booklet's own. */
export function fontPackageDir(pkg: string, contentDir?: string): string {
  const key = `${contentDir ? path.resolve(contentDir) : ""}\0${pkg}`;
  const known = packageDirs.get(key);
  if (known) {
    servedDirs.set(pkg, known);
    return known;
  }
  const requires = [
    ...(contentDir ? [createRequire(path.join(path.resolve(contentDir), "package.json"))] : []),
    require,
  ];
  for (const r of requires) {
    try {
      const dir = path.dirname(r.resolve(`@fontsource/${pkg}/package.json`));
      packageDirs.set(key, dir);
      servedDirs.set(pkg, dir);
      return dir;
    } catch {
      // not installed there
    }
  }
  throw new Error(`@fontsource/${pkg} is not installed`);
}

type Style = "normal" | "italic";
export type Role = "body" | "display";
/** The faces each role's stylesheet rules use: regular, italic, bold (and bold italic in the text). */
const FACES: Record<Role, { bold: boolean; style: Style }[]> = {
  body: [
    { bold: false, style: "normal" },
    { bold: false, style: "italic" },
    { bold: true, style: "normal" },
    { bold: true, style: "italic" },
  ],
  display: [
    { bold: false, style: "normal" },
    { bold: false, style: "italic" },
    { bold: true, style: "normal" },
  ],
};
const faceName = (bold: boolean, style: Style, weight: number) =>
  bold ? `bold (${weight})${style === "italic" ? " italic" : ""}` : style === "italic" ? "italic" : "regular";

export interface ResolvedFamily {
  family: string;
  /** "@fontsource/lora", or the content folder's font files */
  from: string;
  /** names a PDF gives this family's fonts (the PostScript names of font files) */
  pdfNames: string[];
}

export interface ResolvedFonts {
  body: ResolvedFamily;
  display: ResolvedFamily;
  /** the @font-face rules */
  css: string;
  /** the rules of the content's own font files alone */
  localCss: string;
  /** the faces of the content's own font files, for the glyph check */
  localFaces: FontFace[];
  /** the @fontsource CSS files loaded ("lora/400.css"), whose faces the glyph check reads */
  list: string[];
  /** the CSS font stacks of the tokens --font-body and --font-display; a script's fallback family goes at the end */
  stacks: Record<Role, string>;
  /** every family name and font name the PDF may use, for the preflight */
  families: string[];
  /** fonts.fallback's packages (without @fontsource/), every one installed */
  fallback: string[];
}

const quote = (family: string) => `"${family.replace(/["\\]/g, "")}"`;

/**
 * The fonts of booklet.yaml's `fonts:`: each family from fonts/ when files of that family are there, else
 * from its @fontsource package. Throws every problem at once (a missing package or face, an unusable file).
 */
export function resolveFonts(options: {
  fonts: FontsConfig;
  contentDir: string;
  configFile: string;
  extraList?: string[];
}): ResolvedFonts {
  const { fonts, contentDir } = options;
  const problems: BookletError[] = [];
  const local = localFontFiles(contentDir, problems);
  const css: string[] = [];
  const list: string[] = [];
  const localFaces: FontFace[] = [];
  const resolve = (role: Role): ResolvedFamily => {
    const family = fonts[role];
    const at = configLocation(options.configFile, role);
    const files = local.filter((f) => sameFamily(f.family, family));
    // a file of the family that would not print as text stops the build, even beside usable ones
    for (const f of files.filter((x) => x.unusable))
      problems.push(new BookletError("FontUnusable", `${f.ref} ${f.unusable}`, { location: { file: f.file } }));
    if (files.length)
      return fromFiles(
        role,
        family,
        files.filter((f) => !f.unusable),
        fonts.bold,
        at,
        { css, localFaces },
        problems,
      );
    return fromPackage(role, family, fonts.bold, contentDir, at, list, problems);
  };
  const body = resolve("body");
  // one family for both: the body's faces hold the display's (regular, italic, bold)
  const display = sameFamily(fonts.display, fonts.body) ? { ...body } : resolve("display");
  if (options.extraList?.length) list.push(...options.extraList);
  const fallback = fallbackPackages(fonts.fallback ?? [], contentDir, options.configFile, problems);
  if (problems.length) throw problems.length === 1 ? problems[0] : new BookletErrors(problems);
  const generic = (role: Role, f: string) => `${quote(f)}, ${role === "body" ? "serif" : "sans-serif"}`;
  const extraFamilies = options.extraList?.length ? familiesOfList(options.extraList, contentDir) : [];
  return {
    body,
    display,
    css: [...css, fontFaceCss(list, contentDir)].join("\n"),
    localCss: css.join("\n"),
    localFaces,
    list: [...new Set(list)],
    stacks: { body: generic("body", body.family), display: generic("display", display.family) },
    families: [
      ...new Set([
        body.family,
        display.family,
        ...body.pdfNames,
        ...display.pdfNames,
        ...extraFamilies,
        // the faces they lend are declared under the booklet's families, but the PDF names their fonts
        ...fallback.map((pkg) => fontMetadata(pkg, contentDir).family),
      ]),
    ],
    fallback,
  };
}

/** fonts.fallback's package names without @fontsource/; one that is not installed is a problem. */
function fallbackPackages(names: string[], contentDir: string, configFile: string, problems: BookletError[]): string[] {
  const packages = names.map((name) => name.trim().replace(/^@fontsource\//, ""));
  const installed = packages.filter((p) => fontInstalled(p, contentDir));
  for (const pkg of packages.filter((p) => !installed.includes(p)))
    problems.push(
      new BookletError(
        "FontNotFound",
        `fonts.fallback names @fontsource/${pkg}, which is not installed. Install it in the project (\`npm install @fontsource/${pkg}\`; a build cannot download it), or take it out of the list.`,
        configLocation(configFile, "fallback"),
      ),
    );
  return installed;
}

interface LocalFont {
  file: string;
  /** as written in the content folder: fonts/X.ttf */
  ref: string;
  family: string;
  postscriptName: string;
  weight: number;
  italic: boolean;
  /** why the file would not print as text (a variable font …); a file of a family in use must not have one */
  unusable?: string;
}

function sameFamily(a: string, b: string): boolean {
  return a.replace(/\s+/g, "").toLowerCase() === b.replace(/\s+/g, "").toLowerCase();
}

/**
 * Every font file in fonts/, read. A file that cannot be read at all, or is a link out of the folder, is a
 * problem at once; one that would not print as text is one only if its family is used (resolveFonts).
 */
function localFontFiles(contentDir: string, problems: BookletError[]): LocalFont[] {
  const dir = path.join(contentDir, FONTS_DIR);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return [];
  const found: LocalFont[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    if (!FONT_FILE.test(name)) continue;
    const file = path.join(dir, name);
    const ref = `${FONTS_DIR}/${name}`;
    const checked = checkContentFile(file, contentDir);
    if ("problem" in checked) {
      problems.push(new BookletError(checked.problem.kind, checked.problem.message, { location: { file } }));
      continue;
    }
    if (fs.statSync(checked.real).size > MAX_FILE_BYTES) {
      problems.push(
        new BookletError("FileTooLarge", `${ref} is larger than the 50 MB booklet reads.`, { location: { file } }),
      );
      continue;
    }
    const font = readFont(checked.real, ref, problems);
    if (font) found.push({ ...font, file, ref });
  }
  return found;
}

/** A font file's family, weight and style, and why it would not print as text; undefined when unreadable. */
function readFont(file: string, ref: string, problems: BookletError[]): Omit<LocalFont, "file" | "ref"> | undefined {
  let font: Font;
  try {
    const opened = openFont(fs.readFileSync(file));
    if (opened.isCollection) throw new Error("it is a font collection; give each face as a file of its own (.ttf)");
    font = opened;
  } catch (e) {
    problems.push(
      new BookletError("FontUnusable", `${ref} cannot be read as a font: ${(e as Error).message}.`, {
        location: { file },
      }),
    );
    return undefined;
  }
  // the table directory is not in fontkitten's types: a table present but not parsed (CFF) is seen there alone
  const tables = (font as unknown as { directory: { tables: Record<string, unknown> } }).directory.tables;
  const os2 = font["OS/2"] as Partial<Font["OS/2"]> | undefined;
  const unusable = tables.fvar
    ? "is a variable font: Chromium writes it into the PDF as a Type 3 font, which printers reject. Use the family's static files (one file per weight and style)."
    : tables["CFF "] || tables.CFF2
      ? "has PostScript (CFF) outlines: Chromium writes them into the PDF as a Type 3 font, which printers reject. Use the family's TrueType (.ttf) files."
      : os2?.fsType?.noEmbedding || os2?.fsType?.bitmapOnly
        ? "does not allow embedding (its licence flags, OS/2 fsType): it would be drawn as outlines or a Type 3 font, without text. Use a font whose licence allows embedding."
        : undefined;
  return {
    family: font.familyName,
    postscriptName: font.postscriptName,
    weight: os2?.usWeightClass ?? 400,
    italic: Boolean(os2?.fsSelection?.italic) || font.italicAngle !== 0,
    unusable,
  };
}

/** A family from the content's font files: each face the role needs, declared at the weight the CSS uses. */
function fromFiles(
  role: Role,
  family: string,
  files: LocalFont[],
  bold: number,
  at: Location,
  out: { css: string[]; localFaces: FontFace[] },
  problems: BookletError[],
): ResolvedFamily {
  const used: LocalFont[] = [];
  for (const face of FACES[role]) {
    const style = files.filter((f) => f.italic === (face.style === "italic"));
    // regular: the face nearest 400 up to 500; bold: the face nearest the bold weight from 500 up
    const candidates = style.filter((f) => (face.bold ? f.weight >= 500 : f.weight <= 500));
    const target = face.bold ? bold : 400;
    const pick = candidates.sort((a, b) => Math.abs(a.weight - target) - Math.abs(b.weight - target))[0];
    if (!pick) {
      const have =
        files.map((f) => `${f.ref} (${f.weight}${f.italic ? " italic" : ""})`).join(", ") || "no file it can use";
      problems.push(
        new BookletError(
          "FontFaceMissing",
          `fonts.${role} is ${family}, and fonts/ has no ${faceName(face.bold, face.style, bold)} face of it (it has ${have}). Add that face's file to fonts/: every weight and style the booklet uses must be loaded, or Chromium draws a made-up one as a Type 3 font.`,
          at,
        ),
      );
      continue;
    }
    used.push(pick);
    const weight = face.bold ? bold : 400;
    const rule = `@font-face { font-family: ${quote(family)}; font-style: ${face.style}; font-weight: ${weight}; font-display: block; src: url(../_content/${encodeURI(pick.ref)}); }`;
    out.css.push(rule);
    // the body's files stand for a serif and the display's for a sans-serif where a script's fonts are chosen
    const category = role === "body" ? "serif" : "sans-serif";
    out.localFaces.push({
      pkg: "",
      ref: pick.ref,
      category,
      family,
      weight,
      style: face.style,
      file: pick.file,
      ranges: ALL,
      css: rule,
    });
  }
  return { family, from: "the content folder's fonts/", pdfNames: [...new Set(used.map((f) => f.postscriptName))] };
}

/** A family from its @fontsource package: the package's CSS file of each face the role needs. */
function fromPackage(
  role: Role,
  family: string,
  bold: number,
  contentDir: string,
  at: Location,
  entries: string[],
  problems: BookletError[],
): ResolvedFamily {
  const pkg = family.trim().toLowerCase().replace(/\s+/g, "-");
  let dir: string;
  try {
    dir = fontPackageDir(pkg, contentDir);
  } catch {
    problems.push(
      new BookletError(
        "FontNotFound",
        `fonts.${role} is ${family}: no file of that family is in ${FONTS_DIR}/, and the package @fontsource/${pkg} is not installed. Install it in the project (\`npm install @fontsource/${pkg}\`; a build cannot download it), or put the family's .ttf files in ${FONTS_DIR}/.`,
        at,
      ),
    );
    return { family, from: `@fontsource/${pkg}`, pdfNames: [] };
  }
  const list: string[] = [];
  for (const face of FACES[role]) {
    const file = `${face.bold ? bold : 400}${face.style === "italic" ? "-italic" : ""}.css`;
    if (fs.existsSync(path.join(dir, file))) list.push(`${pkg}/${file}`);
    else
      problems.push(
        new BookletError(
          "FontFaceMissing",
          `fonts.${role} is ${family}, and @fontsource/${pkg} has no ${faceName(face.bold, face.style, bold)} face (${file}). ${face.bold ? "Set fonts.bold to a weight the package has, or choose" : "Choose"} another family for ${role}.`,
          at,
        ),
      );
  }
  entries.push(...list);
  const declared = familiesOfList(list, contentDir);
  return { family: declared[0] ?? family, from: `@fontsource/${pkg}`, pdfNames: [] };
}

type Location = { location: { file: string; line?: number; column?: number }; sourceText?: string };

/** Where booklet.yaml sets fonts.ROLE (or the file itself when the default is used). */
function configLocation(configFile: string, role: Role | "fallback"): Location {
  const text = fs.existsSync(configFile) ? fs.readFileSync(configFile, "utf8") : "";
  const m = new RegExp(`^(\\s+${role}\\s*:\\s*)`, "m").exec(
    text.slice(text.search(/^fonts\s*:/m) >= 0 ? text.search(/^fonts\s*:/m) : text.length),
  );
  if (!m) return { location: { file: configFile } };
  const index = text.search(/^fonts\s*:/m) + m.index + m[1].length;
  return { location: { file: configFile, ...lineColumn(text, index) }, sourceText: text };
}

/** The family names the @fontsource CSS files declare. */
function familiesOfList(list: string[], contentDir?: string): string[] {
  const families = new Set<string>();
  for (const entry of list) {
    const [pkg, cssFile] = entry.split("/");
    try {
      const text = fs.readFileSync(path.join(fontPackageDir(pkg, contentDir), cssFile), "utf8");
      for (const m of text.matchAll(/font-family:\s*['"]([^'"]+)['"]/g)) families.add(m[1]);
    } catch {
      families.add(pkg.replace(/-/g, " "));
    }
  }
  return [...families];
}

/**
 * Reads the @fontsource CSS files named in `list` ("source-serif-4/400-italic.css") and rewrites their
 * relative URLs to the server's. Only woff2 is kept: Chromium reads it, and one format keeps the
 * self-contained HTML small.
 */
export function fontFaceCss(list: string[], contentDir?: string): string {
  const out: string[] = [];
  for (const entry of list) {
    const [pkg, file] = entry.split("/");
    const css = fs.readFileSync(path.join(fontPackageDir(pkg, contentDir), file), "utf8");
    out.push(
      css
        .replace(
          /url\(\.\/files\/([^)]+?\.woff2)\)\s*format\('woff2'\)\s*,\s*url\([^)]+\)\s*format\('woff'\)/g,
          `url(${FONT_PREFIX}${pkg}/files/$1) format('woff2')`,
        )
        .replace(/url\(\.\/files\//g, `url(${FONT_PREFIX}${pkg}/files/`)
        .replace(/font-display:\s*swap;/g, "font-display: block;"),
    );
  }
  return out.join("\n");
}

/** Whether an @fontsource package is installed where booklet finds it. */
export function fontInstalled(pkg: string, contentDir?: string): boolean {
  try {
    fontPackageDir(pkg, contentDir);
    return true;
  } catch {
    return false;
  }
}

/** One @font-face rule of an @fontsource package, read from its CSS, or of a file in the content's fonts/. */
export interface FontFace {
  /** the @fontsource package; "" for a file of the content's fonts/ */
  pkg: string;
  /** a file of the content's fonts/, as written there: fonts/X.ttf */
  ref?: string;
  /** "serif" or "sans-serif" for a file of the content's own (a package says it in its metadata.json) */
  category?: string;
  family: string;
  weight: number;
  style: string;
  /** the font file on disk (an @fontsource package's woff2) */
  file: string;
  /** inclusive code point ranges; the whole of Unicode when the rule has no unicode-range */
  ranges: [number, number][];
  /** the rule itself, its url() rewritten to the local server's */
  css: string;
}

const ALL: [number, number][] = [[0, 0x10ffff]];

/** The @font-face rules of one CSS file of a package ("source-serif-4", "400-italic.css"). */
export function readFaces(pkg: string, cssFile: string, contentDir?: string): FontFace[] {
  const dir = fontPackageDir(pkg, contentDir);
  const css = fs.readFileSync(path.join(dir, cssFile), "utf8");
  const faces: FontFace[] = [];
  for (const m of css.matchAll(/(?:\/\*[^*]*\*\/\s*)?@font-face\s*\{[^}]*\}/g)) {
    const rule = m[0];
    const woff2 = /url\(\.\/files\/([^)]+?\.woff2)\)/.exec(rule)?.[1];
    if (!woff2) continue;
    const range = /unicode-range:\s*([^;}]+)/.exec(rule)?.[1];
    faces.push({
      pkg,
      family: /font-family:\s*['"]([^'"]+)['"]/.exec(rule)?.[1] ?? pkg,
      weight: Number(/font-weight:\s*(\d+)/.exec(rule)?.[1] ?? 400),
      style: /font-style:\s*(\w+)/.exec(rule)?.[1] ?? "normal",
      file: path.join(dir, "files", woff2),
      ranges: range ? parseRanges(range) : ALL,
      css: rewriteUrls(rule, pkg),
    });
  }
  return faces;
}

/** "U+0000-00FF,U+0131" → [[0, 255], [305, 305]] */
export function parseRanges(text: string): [number, number][] {
  return text.split(",").flatMap((part) => {
    const m = /U\+([0-9a-f?]+)(?:-([0-9a-f]+))?/i.exec(part.trim());
    if (!m) return [];
    if (m[1].includes("?"))
      return [[parseInt(m[1].replace(/\?/g, "0"), 16), parseInt(m[1].replace(/\?/g, "f"), 16)] as [number, number]];
    const lo = parseInt(m[1], 16);
    return [[lo, m[2] ? parseInt(m[2], 16) : lo] as [number, number]];
  });
}

/** Only woff2 is kept: Chromium reads it, and one format keeps the self-contained HTML small. */
function rewriteUrls(rule: string, pkg: string): string {
  return rule
    .replace(
      /url\(\.\/files\/([^)]+?\.woff2)\)\s*format\('woff2'\)\s*,\s*url\([^)]+\)\s*format\('woff'\)/g,
      `url(${FONT_PREFIX}${pkg}/files/$1) format('woff2')`,
    )
    .replace(/url\(\.\/files\//g, `url(${FONT_PREFIX}${pkg}/files/`)
    .replace(/font-display:\s*swap;/g, "font-display: block;");
}

/** The faces of the @fontsource CSS files named in `list` ("source-serif-4/400.css"). */
export function fontListFaces(list: string[], contentDir?: string): FontFace[] {
  return list.flatMap((entry) => {
    const [pkg, file] = entry.split("/");
    return readFaces(pkg, file, contentDir);
  });
}

/** A package's metadata.json: its category ("serif", "sans-serif" …), weights and styles. */
export function fontMetadata(
  pkg: string,
  contentDir?: string,
): { family: string; category: string; weights: number[]; styles: string[] } {
  return JSON.parse(fs.readFileSync(path.join(fontPackageDir(pkg, contentDir), "metadata.json"), "utf8"));
}

/** Maps a server path under FONT_PREFIX to the file on disk, or undefined when it is not a font file. */
export function fontFile(urlPath: string): string | undefined {
  if (!urlPath.startsWith(FONT_PREFIX)) return undefined;
  const rest = urlPath.slice(FONT_PREFIX.length);
  const m = /^([a-z0-9-]+)\/files\/([a-z0-9-]+\.woff2?)$/.exec(rest);
  if (!m) return undefined;
  try {
    return path.join(servedDirs.get(m[1]) ?? fontPackageDir(m[1]), "files", m[2]);
  } catch {
    return undefined;
  }
}
