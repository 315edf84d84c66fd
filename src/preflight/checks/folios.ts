// Folios: the page number printed on a page equals its place in the file (page 1 is the cover).
import { type Check, outcome } from "../finding.ts";
import { folioOf } from "../layout.ts";

export const folios: Check = (pdf) => {
  const failures: { page: number; message: string }[] = [];
  let seen = 0;
  for (const page of pdf.pages) {
    const folio = folioOf(page);
    if (!folio) continue;
    seen++;
    if (folio.value !== page.number)
      failures.push({ page: page.number, message: `page ${page.number} is numbered ${folio.value}` });
  }
  return outcome(
    "folios.match",
    failures,
    seen ? `${seen} folios, each equal to its page number` : "no page carries a folio",
  );
};
