// The print flags of `booklet build`: each to its build option, a wrong value a usage error (exit code 2).
import { describe, expect, it } from "vitest";
import { parseOutputFlags } from "../../src/cli.ts";
import { FORMATS } from "../../src/output/formats.ts";

const parse = (values: Parameters<typeof parseOutputFlags>[0]) => parseOutputFlags(values, FORMATS);

describe("booklet build's print flags", () => {
  it("builds all four formats unless --formats names some, in the usual order", () => {
    expect(parse({})).toEqual({ formats: undefined, print: {} });
    expect(parse({ formats: "html, screen" }).formats).toEqual(["screen", "html"]);
    expect(parse({ formats: "imposed" }).formats).toEqual(["imposed"]);
  });

  it("overrides booklet.yaml only where a flag is given", () => {
    expect(parse({ marks: true, duplex: "long-edge", creep: "0.8" }).print).toEqual({
      marks: true,
      duplex: "long-edge",
      creep: 0.8,
    });
    expect(parse({ duplex: "short-edge" }).print).toEqual({ duplex: "short-edge" });
    expect(parse({ pdfx: true, icc: "press.icc" }).print).toEqual({ pdfx: true, icc: "press.icc" });
  });

  it.each([
    [{ formats: "screen,pdf" }, /--formats takes a list of screen, print, imposed, html/],
    [{ formats: "," }, /--formats/],
    [{ duplex: "tumble" }, /--duplex takes short-edge or long-edge/],
    [{ creep: "-1" }, /--creep takes millimetres/],
    [{ creep: "6" }, /--creep takes millimetres from 0 to 5/],
    [{ creep: "1mm" }, /--creep/],
    [{ icc: "press.icc" }, /add --pdfx/],
    [{ pdfx: true, formats: "screen,imposed" }, /add print to --formats/],
  ])("refuses %o", (values, message) => {
    expect(() => parse(values)).toThrow(
      expect.objectContaining({ kind: "Usage", message: expect.stringMatching(message) }),
    );
  });
});
