// Saddle-stitch imposition without a browser: the order of the pages on the sheets, what a duplex printer does
// with them, creep, and the sheet's marks.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PAGE_SIZES } from "../../src/config/schema.ts";
import { creepOf, type Duplex, rotatesBack, SHEETS, sheetMarks, sheetSides } from "../../src/pdf/impose.ts";

describe("saddle-stitch imposition", () => {
  it("lays 8 pages out as [8|1] [2|7] / [6|3] [4|5]", () => {
    expect(sheetSides(8).map((s) => [s.left, s.right])).toEqual([
      [8, 1],
      [2, 7],
      [6, 3],
      [4, 5],
    ]);
  });

  it("puts every page of a booklet on exactly one half of one side", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), (sheets) => {
        const n = sheets * 4;
        const pages = sheetSides(n).flatMap((s) => [s.left, s.right]);
        expect([...pages].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      }),
    );
  });

  it("refuses a page count that is not a multiple of 4", () => {
    for (const n of [0, 2, 6, 10, 38]) expect(() => sheetSides(n)).toThrow(/multiple of 4/);
  });

  /**
   * A model of the printed sheet, independent of the code: it says which half of the back is behind each half
   * of the front, and whether what is there reads upright when the reader turns the leaf about the fold.
   * Short edge: the printer turns the sheet about its left/right edge — the back's left half lies behind the
   * front's right half, upright. Long edge: about its top edge — the back's right half lies behind the front's
   * right half, upside down for a reader who turns the leaf about the fold, unless it was drawn upside down.
   */
  function behind(
    duplex: Duplex,
    frontHalf: "left" | "right",
  ): { backHalf: "left" | "right"; uprightIfDrawnTurned: boolean } {
    if (duplex === "short-edge")
      return { backHalf: frontHalf === "left" ? "right" : "left", uprightIfDrawnTurned: false };
    return { backHalf: frontHalf, uprightIfDrawnTurned: true };
  }

  for (const duplex of ["short-edge", "long-edge"] as const) {
    it(`gives a booklet that reads in order when printed ${duplex} and folded`, () => {
      for (const n of [4, 8, 12, 40, 48]) {
        const sides = sheetSides(n);
        for (let k = 0; k < n / 4; k++) {
          const front = sides[2 * k];
          const back = sides[2 * k + 1];
          expect(front.side).toBe("front");
          expect(back.side).toBe("back");
          expect(rotatesBack(duplex, "front")).toBe(false);
          const turned = rotatesBack(duplex, "back");
          // a side drawn turned shows its logical left page on the sheet's right half
          const onBack = (half: "left" | "right") => (turned ? (half === "left" ? back.right : back.left) : back[half]);
          for (const half of ["left", "right"] as const) {
            const b = behind(duplex, half);
            // the right-hand page p (odd) has p + 1 on its back; the left-hand page q (even) has q - 1
            const p = front[half];
            expect(onBack(b.backHalf), `${duplex}, ${n} pages, sheet ${k}, behind page ${p}`).toBe(
              p % 2 === 1 ? p + 1 : p - 1,
            );
            expect(turned).toBe(b.uprightIfDrawnTurned);
          }
        }
      }
    });
  }

  it("shares the creep out over the sheets: none for the outermost, all of it for the innermost", () => {
    expect(creepOf(0, 10, 2)).toBe(0);
    expect(creepOf(9, 10, 2)).toBe(2);
    expect(creepOf(3, 7, 1.2)).toBeCloseTo(0.6, 10);
    expect(creepOf(0, 1, 2)).toBe(0);
  });

  it("imposes each page size on a sheet that holds two of its pages side by side", () => {
    for (const [name, size] of Object.entries(PAGE_SIZES)) {
      const sheet = SHEETS[name as keyof typeof SHEETS];
      expect(sheet.width, name).toBeGreaterThanOrEqual(2 * size.width);
      expect(sheet.height, name).toBeGreaterThanOrEqual(size.height);
      expect(sheet.width).toBeGreaterThan(sheet.height);
    }
    expect(SHEETS.A5).toMatchObject({ name: "A4", width: 297, height: 210 });
  });

  it("draws the sheet's marks symmetric about its centre, so that a turned side gets the same ones", () => {
    const W = 842;
    const H = 595;
    for (const o of [
      { mx: 1.4, my: 0, creep: 0 },
      { mx: 1.4, my: 0, creep: 5.7 },
      { mx: 60, my: 40, creep: 2 },
    ]) {
      const lines = sheetMarks({ sheetWidth: W, sheetHeight: H, ...o });
      const segs = lines.map((l) => l.match(/-?[\d.]+/g)!.map(Number));
      const key = (s: number[]) => s.map((v) => v.toFixed(2)).join(" ");
      const turn = (s: number[]) => {
        const [x1, y1, x2, y2] = s;
        return [W - x2, H - y2, W - x1, H - y1];
      };
      const set = new Set(segs.map(key));
      for (const s of segs)
        expect(set.has(key(turn(s))) || set.has(key([...turn(s).slice(2), ...turn(s).slice(0, 2)])), key(s)).toBe(true);
      // every mark lies on the sheet
      for (const [x1, y1, x2, y2] of segs)
        for (const [x, y] of [
          [x1, y1],
          [x2, y2],
        ])
          expect(x >= 0 && x <= W && y >= 0 && y <= H).toBe(true);
    }
    // the fold is always marked; a fore-edge on the paper's edge is not
    expect(sheetMarks({ sheetWidth: W, sheetHeight: H, mx: 1.4, my: 0, creep: 0 })).toHaveLength(2);
    expect(sheetMarks({ sheetWidth: W, sheetHeight: H, mx: 1.4, my: 0, creep: 5.7 })).toHaveLength(6);
  });
});
