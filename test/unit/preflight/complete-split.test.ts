// Regression: text.complete reported a paragraph as missing when the page broke it right after words that a
// table cell earlier on the page repeats ("Killed in Neftçala and Lənkəran" / "… In Neftçala and" ‖
// "Lənkəran, where …"): the longest prefix matched the cell, and only three shorter cuts were tried.
import { describe, expect, it } from "vitest";
import { comparable, find } from "../../../src/preflight/checks/complete.ts";

describe("text.complete on a paragraph cut by a page break", () => {
  it("finds it when a table cell before it repeats the words before the break", () => {
    // the cell, then more than a page's worth of text before the paragraph's first half
    const page20 = `Killed in Neftçala and Lənkəran, 25–26 January — — — — eight. ${"The dead were counted by each source in its own way. ".repeat(200)}The OMM report breaks its total down. In Neftçala and`;
    const foot = " 12 OMM 2026. 13 OMM 2026. ".repeat(20);
    const page21 = "THE TOLL Lənkəran, where no state of emergency had been declared, eight more people died on 25 and 26 January.";
    const all = comparable(page20 + foot + page21);
    const want = comparable("In Neftçala and Lənkəran, where no state of emergency had been declared, eight more people died on 25 and 26 January.");
    expect(find(all, want, 0, all.length)).toBe(all.length);
  });

  it("still reports the paragraph when its second half is not there", () => {
    const all = comparable("Killed in Neftçala and Lənkəran, 25–26 January. In Neftçala and" + " 12 OMM 2026.".repeat(20) + " Something else entirely.");
    const want = comparable("In Neftçala and Lənkəran, where no state of emergency had been declared, eight more people died.");
    expect(find(all, want, 0, all.length)).toBe(-1);
  });
});
