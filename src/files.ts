// Every file booklet reads from a project goes through here: resolved to where it really is (a symbolic link
// may lead anywhere), kept inside the content folder or the package's own templates, held to a size limit,
// and, for text, decoded as UTF-8 without its byte-order mark. The content loader, the build's server, the
// preview's server and the HTML edition share these functions, so that the rule is written once.
import fs from "node:fs";
import path from "node:path";
import { BookletError } from "./errors/index.ts";
import { packagePath } from "./paths.ts";

/** The largest text file (Markdown, YAML, CSV, CSS, template) booklet reads: 5 MB. */
export const MAX_TEXT_BYTES = 5 * 1024 * 1024;
/** The largest other file (an image, a font in the content) booklet serves or puts in the web edition: 50 MB. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

const SHIPPED_TEMPLATES = packagePath("templates");

/** Why a file cannot be read: the catalogue's kind and a message naming it. */
export interface FileProblem {
  kind: "PathOutsideContent" | "MissingFile" | "FileTooLarge";
  message: string;
  /** where a symbolic link that leads out of the folder leads */
  target?: string;
}

function real(dir: string): string {
  return fs.existsSync(dir) ? fs.realpathSync(dir) : path.resolve(dir);
}

function inside(file: string, dir: string): boolean {
  return file === dir || file.startsWith(dir + path.sep);
}

/**
 * Where a file found in the content folder (or the shipped templates) really is, or why it may not be read:
 * a symbolic link that leads out of both is refused, naming the link and its target.
 */
export function checkContentFile(file: string, contentDir: string): { real: string } | { problem: FileProblem } {
  const abs = path.resolve(file);
  if (!fs.existsSync(abs)) return { problem: { kind: "MissingFile", message: `${abs} does not exist.` } };
  const target = fs.realpathSync(abs);
  if (inside(target, real(contentDir)) || inside(target, real(SHIPPED_TEMPLATES))) return { real: target };
  return {
    problem: {
      kind: "PathOutsideContent",
      message: `${path.basename(abs)} is a symbolic link to ${target}, outside the content folder; booklet reads no file from outside it.`,
    },
  };
}

/**
 * A file named by a path relative to the content folder (an image's src, a url() in a stylesheet, a URL the
 * page asks for), resolved and checked: inside the folder as written and where it really is, a file, and
 * not too large to read.
 */
export function contentRef(ref: string, contentDir: string): { file: string } | { problem: FileProblem } {
  const root = path.resolve(contentDir);
  const target = path.resolve(root, ref);
  if (path.isAbsolute(ref) || !target.startsWith(root + path.sep))
    return { problem: { kind: "PathOutsideContent", message: `"${ref}" leads outside the content folder.` } };
  if (!fs.existsSync(target) || !fs.statSync(target).isFile())
    return { problem: { kind: "MissingFile", message: `"${ref}" does not exist (looked for ${target}).` } };
  const checked = checkContentFile(target, root);
  if ("problem" in checked) {
    const real = fs.realpathSync(target);
    return {
      problem: {
        kind: "PathOutsideContent",
        message: `"${ref}" is a link to ${real}, outside the content folder.`,
        target: real,
      },
    };
  }
  const size = fs.statSync(checked.real).size;
  if (size > MAX_FILE_BYTES)
    return {
      problem: {
        kind: "FileTooLarge",
        message: `"${ref}" is ${megabytes(size)}; booklet reads files of up to ${megabytes(MAX_FILE_BYTES)}.`,
      },
    };
  return { file: target };
}

/** The bytes of a file found in the content folder or the shipped templates, checked as above. */
export function readContentBytes(file: string, contentDir: string, limit = MAX_FILE_BYTES): Buffer {
  const checked = checkContentFile(file, contentDir);
  if ("problem" in checked)
    throw new BookletError(checked.problem.kind, checked.problem.message, { location: { file } });
  const size = fs.statSync(checked.real).size;
  if (size > limit) {
    throw new BookletError(
      "FileTooLarge",
      `The file is ${megabytes(size)}; booklet reads ${limit === MAX_TEXT_BYTES ? "text files" : "files"} of up to ${megabytes(limit)}.`,
      { location: { file } },
    );
  }
  return fs.readFileSync(checked.real);
}

/**
 * The text of a Markdown, YAML, CSV, CSS or template file of the project: checked as a content file, held to
 * the size limit for text, decoded as UTF-8 (a file in another encoding is refused at its first byte that is
 * not UTF-8) and without the byte-order mark some editors write at its start.
 */
export function readContentText(file: string, contentDir: string): string {
  return decodeText(readContentBytes(file, contentDir, MAX_TEXT_BYTES), file);
}

/** UTF-8 bytes as text, without a byte-order mark; bytes that are not UTF-8 are an error at their line. */
export function decodeText(bytes: Buffer, file: string): string {
  const bad = firstInvalidUtf8(bytes);
  if (bad !== undefined) {
    const line = bytes.subarray(0, bad).filter((b) => b === 0x0a).length + 1;
    const column = bad - (bytes.lastIndexOf(0x0a, bad - 1) + 1) + 1;
    const byte = bytes[bad].toString(16).toUpperCase().padStart(2, "0");
    throw new BookletError(
      "NotUtf8",
      `The file is not UTF-8: the byte 0x${byte} at line ${line} is not a UTF-8 character (the file was probably saved as Windows-1252 or Latin-1).`,
      {
        location: { file, line, column },
        sourceText: new TextDecoder("utf-8").decode(bytes),
      },
    );
  }
  const text = bytes.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Well-formed UTF-8 (RFC 3629, section 4): for each range of lead bytes, the sequence's length and the range
 * of its second byte, which rules out overlong forms, surrogates and code points past U+10FFFF.
 */
const SEQUENCES: [firstLead: number, lastLead: number, length: number, lo: number, hi: number][] = [
  [0xc2, 0xdf, 2, 0x80, 0xbf],
  [0xe0, 0xe0, 3, 0xa0, 0xbf],
  [0xe1, 0xec, 3, 0x80, 0xbf],
  [0xed, 0xed, 3, 0x80, 0x9f],
  [0xee, 0xef, 3, 0x80, 0xbf],
  [0xf0, 0xf0, 4, 0x90, 0xbf],
  [0xf1, 0xf3, 4, 0x80, 0xbf],
  [0xf4, 0xf4, 4, 0x80, 0x8f],
];

/** The same by lead byte (undefined: not a lead byte), looked up once per character. */
const BY_LEAD: ([length: number, lo: number, hi: number] | undefined)[] = Array.from({ length: 256 }, (_, b) => {
  const found = SEQUENCES.find(([first, last]) => b >= first && b <= last);
  return found && [found[2], found[3], found[4]];
});

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629). */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  for (let i = 0; i < bytes.length; ) {
    if (bytes[i] < 0x80) {
      i++;
      continue;
    }
    const sequence = BY_LEAD[bytes[i]];
    if (!sequence) return i;
    const [n, lo, hi] = sequence;
    if (i + n > bytes.length || bytes[i + 1] < lo || bytes[i + 1] > hi) return i;
    for (let k = 2; k < n; k++) if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf) return i;
    i += n;
  }
  return undefined;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}
