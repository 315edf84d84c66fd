// Fonts for the scripts the booklet's own fonts do not draw. Source Serif 4 and Source Sans 3 draw Latin
// (Azerbaijani and Turkish letters included), Cyrillic and Greek; Korean, Japanese and Chinese, polytonic
// Greek, Armenian and Georgian come from the Noto @fontsource packages below, added to each of the
// booklet's families for the characters of that script alone (their unicode-range), so that every style
// rule naming the booklet's families draws them, and Latin text stays in the booklet's own fonts.
import { type FontFace, fontInstalled, fontMetadata, readFaces } from "./fonts.ts";

type Range = [number, number];
/** The @fontsource packages (without @fontsource/) for the booklet's serif and its sans-serif families. */
export interface ScriptPackages {
  serif: string;
  sans: string;
}

export interface ScriptFonts {
  name: string;
  ranges: Range[];
  fonts: ScriptPackages;
  /** another pair for a language (Han: the Korean fonts' Hanja for Korean, Japanese kanji for Japanese) */
  byLanguage?: Record<string, ScriptPackages>;
}

const KR = { serif: "noto-serif-kr", sans: "noto-sans-kr" };
const JP = { serif: "noto-serif-jp", sans: "noto-sans-jp" };
const SC = { serif: "noto-serif-sc", sans: "noto-sans-sc" };
const TC = { serif: "noto-serif-tc", sans: "noto-sans-tc" };

export const SCRIPTS: ScriptFonts[] = [
  {
    name: "Hangul",
    ranges: [
      [0x1100, 0x11ff],
      [0x3130, 0x318f],
      [0xa960, 0xa97f],
      [0xac00, 0xd7ff],
    ],
    fonts: KR,
  },
  {
    name: "Japanese kana",
    ranges: [
      [0x3040, 0x30ff],
      [0x31f0, 0x31ff],
      [0xff66, 0xff9f],
    ],
    fonts: JP,
  },
  {
    name: "Han",
    ranges: [
      [0x2e80, 0x2fdf],
      [0x3000, 0x303f],
      [0x3190, 0x31bf],
      [0x3200, 0x33ff],
      [0x3400, 0x4dbf],
      [0x4e00, 0x9fff],
      [0xf900, 0xfaff],
      [0xfe30, 0xfe4f],
      [0xff00, 0xff65],
      [0xffe0, 0xffef],
      [0x20000, 0x3134f],
    ],
    fonts: SC,
    byLanguage: { ko: KR, ja: JP, "zh-tw": TC, "zh-hk": TC, "zh-hant": TC },
  },
  // Source Serif 4 has monotonic Greek only
  { name: "polytonic Greek", ranges: [[0x1f00, 0x1fff]], fonts: { serif: "noto-serif", sans: "noto-sans" } },
  {
    name: "Armenian",
    ranges: [
      [0x0530, 0x058f],
      [0xfb13, 0xfb17],
    ],
    fonts: { serif: "noto-serif-armenian", sans: "noto-sans-armenian" },
  },
  {
    name: "Georgian",
    ranges: [
      [0x10a0, 0x10ff],
      [0x1c90, 0x1cbf],
      [0x2d00, 0x2d2f],
    ],
    fonts: { serif: "noto-serif-georgian", sans: "noto-sans-georgian" },
  },
];

const inRanges = (cp: number, ranges: Range[]) => ranges.some(([lo, hi]) => cp >= lo && cp <= hi);

/** The script of a code point among those with fonts of their own, or undefined. */
export function scriptOf(cp: number): ScriptFonts | undefined {
  return SCRIPTS.find((s) => inRanges(cp, s.ranges));
}

/**
 * Unicode's scripts of living writing systems, by their Unicode names, besides those with fonts of their own
 * (SCRIPTS): a character of one of them that no font draws is named with the others of its script that the
 * document uses, in one problem.
 */
const OTHER_SCRIPTS = `
Arabic Hebrew Syriac Thaana Nko Devanagari Bengali Gurmukhi Gujarati Oriya Tamil Telugu Kannada
Malayalam Sinhala Thai Lao Tibetan Myanmar Khmer Mongolian Ethiopic Cherokee Canadian_Aboriginal
Tifinagh Javanese Balinese Bopomofo Yi Vai Ol_Chiki Adlam Tai_Le New_Tai_Lue Tai_Tham Tai_Viet
Meetei_Mayek Limbu Lepcha Sundanese Buginese Batak Cham Kayah_Li Bamum Osage Glagolitic Runic Ogham
Coptic Samaritan Mandaic Hanifi_Rohingya Latin Cyrillic Greek
`
  .trim()
  .split(/\s+/)
  .map((name) => ({ name: name.replace(/_/g, " "), test: new RegExp(`\\p{Script=${name}}`, "u") }));

/** The Unicode script of a code point among OTHER_SCRIPTS ("Arabic"), or undefined (symbols, marks, others). */
export function unicodeScriptOf(cp: number): string | undefined {
  const char = String.fromCodePoint(cp);
  return OTHER_SCRIPTS.find((s) => s.test.test(char))?.name;
}

/** The pair of packages for a script in a language (BCP 47): the language's own, else the script's. */
export function packagesFor(script: ScriptFonts, language: string): ScriptPackages {
  const tag = language.toLowerCase();
  return script.byLanguage?.[tag] ?? script.byLanguage?.[tag.split("-")[0]] ?? script.fonts;
}

/** Every package a script may need: the preflight counts their fonts among the booklet's own. */
export function scriptPackageNames(): string[] {
  const pairs = SCRIPTS.flatMap((s) => [s.fonts, ...Object.values(s.byLanguage ?? {})]);
  return [...new Set(pairs.flatMap((p) => [p.serif, p.sans]))];
}

/**
 * The script's faces for each of the booklet's faces (family, weight, style): the package of the same
 * category at the nearest weight, only its files that draw the script, declared under the booklet's family,
 * weight and style. An italic the package lacks is its upright face declared italic: Chromium would otherwise
 * slant the upright one itself, and a face it synthesises becomes a Type 3 font in the PDF.
 */
export function scriptFaces(
  script: ScriptFonts,
  packages: ScriptPackages,
  primary: FontFace[],
  contentDir?: string,
): FontFace[] {
  const out: FontFace[] = [];
  const seen = new Set<string>();
  for (const face of primary) {
    const key = `${face.family}|${face.weight}|${face.style}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const serif = (face.category ?? fontMetadata(face.pkg, contentDir).category) === "serif";
    const pkg = serif ? packages.serif : packages.sans;
    const meta = fontMetadata(pkg, contentDir);
    const weight = meta.weights.reduce((a, b) => (Math.abs(b - face.weight) < Math.abs(a - face.weight) ? b : a));
    const italic = face.style === "italic" && meta.styles.includes("italic");
    for (const f of readFaces(pkg, `${weight}${italic ? "-italic" : ""}.css`, contentDir)) {
      const ranges = intersect(f.ranges, script.ranges);
      if (!ranges.length) continue;
      out.push({
        ...f,
        family: face.family,
        weight: face.weight,
        style: face.style,
        ranges,
        css: aliased(f.css, face, ranges),
      });
    }
  }
  return out;
}

/** The parts of ranges `a` that lie in ranges `b`. */
function intersect(a: Range[], b: Range[]): Range[] {
  return a.flatMap(([lo, hi]) =>
    b.flatMap(([l, h]) => (lo <= h && hi >= l ? [[Math.max(lo, l), Math.min(hi, h)] as Range] : [])),
  );
}

const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, "0");

/**
 * The rule declared under another face's family, weight and style, for the script's characters alone: a
 * slice of a CJK font also holds punctuation that the booklet's own fonts must keep drawing.
 */
function aliased(css: string, as: FontFace, ranges: Range[]): string {
  const range = ranges.map(([lo, hi]) => (lo === hi ? `U+${hex(lo)}` : `U+${hex(lo)}-${hex(hi)}`)).join(",");
  const ranged = /unicode-range:/.test(css)
    ? css.replace(/unicode-range:\s*[^;}]+/, `unicode-range: ${range}`)
    : css.replace(/\}\s*$/, `  unicode-range: ${range};\n}`);
  return ranged
    .replace(/font-family:\s*['"][^'"]+['"]/, `font-family: '${as.family}'`)
    .replace(/font-weight:\s*\d+/, `font-weight: ${as.weight}`)
    .replace(/font-style:\s*\w+/, `font-style: ${as.style}`);
}

/** Whether both packages of a pair are installed. */
export function installed(packages: ScriptPackages, contentDir?: string): boolean {
  return fontInstalled(packages.serif, contentDir) && fontInstalled(packages.sans, contentDir);
}
