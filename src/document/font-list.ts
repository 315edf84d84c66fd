// A content's own templates/fonts.txt: more faces to embed, one @fontsource package/file a line, "#" comments.
// The document stage reads it to set the booklet in those faces, the preflight to accept them in the PDF.
import path from "node:path";

/**
 * The lines of the fonts.txt the templates resolved to, when it is the content's own (under its templates/);
 * none for the shipped list, whose faces are the defaults already.
 */
export function ownFontList(file: string | undefined, contentDir: string, read: (file: string) => string): string[] {
  if (!file?.startsWith(path.join(path.resolve(contentDir), "templates") + path.sep)) return [];
  return read(file)
    .split("\n")
    .map((l) => l.replace(/#.*/, "").trim())
    .filter(Boolean);
}
