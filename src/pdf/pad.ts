// Blank pages added to a finished PDF in front of the back cover, for a booklet whose page count must be a
// multiple of 4, 8 or 16 (render/pad.ts lays out the ones that carry a title).
import { loadPdf, savePdf } from "./load.ts";

/**
 * Blank pages for the screen PDF when nothing else needs the print layout (a screen-only build whose added
 * pages have no title): inserted before the back cover with pdf-lib, at the size of the other pages, so the
 * document need not be laid out a second time.
 */
export async function padScreenBlank(options: { screen: Uint8Array; at: number; count: number }): Promise<Uint8Array> {
  if (options.count === 0) return options.screen;
  const doc = await loadPdf(options.screen);
  const { width, height } = doc.getPage(0).getSize();
  for (let i = 0; i < options.count; i++) doc.insertPage(options.at + i, [width, height]);
  return savePdf(doc);
}
