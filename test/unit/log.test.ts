import { describe, expect, it } from "vitest";
import { createLogger, logMode } from "../../src/log.ts";

/** A stream that records what was written, as a terminal or as a pipe. */
function fakeStream(isTTY: boolean, columns = 100) {
  const chunks: string[] = [];
  return { isTTY, columns, chunks, write: (s: string) => chunks.push(s) > 0, text: () => chunks.join("") };
}

/** The lines a terminal shows after this output: handles \r, \n, cursor up (ESC[nA) and clear to end (ESC[0J). */
function screen(output: string): string[] {
  const lines: string[] = [""];
  let row = 0;
  let col = 0;
  for (let i = 0; i < output.length; i++) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the terminal's escape sequences are what is tested
    const esc = /^\x1b\[(\d*)([AJK])/.exec(output.slice(i));
    if (esc) {
      const n = Number(esc[1] || 0);
      if (esc[2] === "A") row = Math.max(0, row - (n || 1));
      else if (esc[2] === "J") {
        lines.length = row + 1;
        lines[row] = lines[row].slice(0, col);
      } else lines[row] = lines[row].slice(0, col);
      i += esc[0].length - 1;
      continue;
    }
    const c = output[i];
    if (c === "\r") col = 0;
    else if (c === "\n") {
      row++;
      col = 0;
      if (lines.length <= row) lines.push("");
    } else {
      const l = lines[row];
      lines[row] = l.slice(0, col).padEnd(col) + c + l.slice(col + 1);
      col++;
    }
  }
  return lines.filter((l, i) => l !== "" || i < lines.length - 1);
}

const clock = () => {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

describe("the log", () => {
  it("chooses live output only on a terminal outside CI, plain otherwise, JSON when asked", () => {
    expect(logMode({ stream: fakeStream(true), env: {} })).toBe("live");
    expect(logMode({ stream: fakeStream(true), env: { CI: "true" } })).toBe("plain");
    expect(logMode({ stream: fakeStream(true), env: { TERM: "dumb" } })).toBe("plain");
    expect(logMode({ stream: fakeStream(false), env: {} })).toBe("plain");
    expect(logMode({ stream: fakeStream(true), env: {}, json: true })).toBe("json");
  });

  it("on a terminal, shows pagination page by page and replaces it by the stage's line and time", () => {
    const out = fakeStream(true);
    const c = clock();
    const log = createLogger({ stream: out, env: {}, now: c.now, animate: false });
    log.info("booklet: the 37th anniversary edition");
    log.stage("document", 820, "73 KB of HTML");
    for (let n = 1; n <= 3; n++) {
      c.advance(30);
      log.progress("paginate", n);
    }
    const during = screen(out.text());
    expect(during).toHaveLength(3);
    expect(during[2]).toMatch(/paginate\s+\d+ ms\s+3 pages$/);
    log.stage("paginate", 2720, "40 pages");
    expect(screen(out.text())).toEqual([
      "booklet: the 37th anniversary edition",
      "  document    820 ms  73 KB of HTML",
      "  paginate    2.72 s  40 pages",
    ]);
  });

  it("on a terminal, keeps one live line per edition and a bar for the editions of a run", () => {
    const out = fakeStream(true);
    const c = clock();
    const log = createLogger({ stream: out, env: {}, now: c.now, animate: false });
    log.progress("editions", 0, 3);
    log.progress("2027 paginate", 5);
    log.progress("2028 paginate", 2);
    log.progress("2027 paginate", 9);
    let s = screen(out.text());
    expect(s).toHaveLength(3);
    expect(s[0]).toMatch(/editions .*\[-{20}\] 0\/3/);
    expect(s[1]).toMatch(/2027 paginate .* 9 pages$/);
    expect(s[2]).toMatch(/2028 paginate .* 2 pages$/);

    c.advance(1500);
    log.stage("2027 paginate", 1400, "40 pages");
    log.progress("editions", 1, 3);
    s = screen(out.text());
    expect(s[0]).toBe("  2027 paginate         1.40 s  40 pages");
    expect(s.slice(1).map((l) => l.replace(/^\S+ /, ""))).toEqual([
      expect.stringMatching(/^editions .*\[#{7}-{13}\] 1\/3$/),
      expect.stringMatching(/^2028 paginate .* 2 pages$/),
    ]);

    c.advance(1000);
    log.stage("2028 paginate", 1300, "40 pages");
    log.progress("editions", 3, 3);
    // a finished bar becomes a stage line with the time since it started
    expect(screen(out.text())).toEqual([
      "  2027 paginate         1.40 s  40 pages",
      "  2028 paginate         1.30 s  40 pages",
      "  editions    2.50 s  3/3",
    ]);
  });

  it("elsewhere (a pipe, CI), writes one plain line per stage and no progress", () => {
    for (const [isTTY, env] of [
      [false, {}],
      [true, { CI: "1" }],
    ] as const) {
      const out = fakeStream(isTTY);
      const log = createLogger({ stream: out, env });
      log.stage("content", 31, "5 chapters");
      for (let n = 1; n <= 40; n++) log.progress("paginate", n);
      log.stage("paginate", 2720, "40 pages");
      log.warn("a source is never cited");
      expect(out.text()).toBe(
        "  content      31 ms  5 chapters\n  paginate    2.72 s  40 pages\nwarning: a source is never cited\n",
      );
      // biome-ignore lint/suspicious/noControlCharactersInRegex: no terminal escape sequence may reach a file or a pipe
      expect(out.text()).not.toMatch(/\x1b|\r/);
    }
  });

  it("lines up the times of every language's stages, whatever the length of its code", () => {
    const out = fakeStream(false);
    const log = createLogger({ stream: out, env: {} });
    for (const name of ["az formats", "en-GB formats", "2027 en-GB preflight"]) log.stage(name, 1400, "screen");
    const columns = out
      .text()
      .trimEnd()
      .split("\n")
      .map((l) => l.indexOf("1.40 s"));
    expect(new Set(columns).size).toBe(1);
  });

  it("with --json, writes one JSON object per event, progress included", () => {
    const out = fakeStream(true);
    const log = createLogger({ stream: out, env: {}, json: true });
    log.info("booklet: the 37th anniversary edition");
    log.progress("paginate", 1);
    log.progress("paginate", 2);
    log.stage("paginate", 2720.4, "40 pages");
    log.debug("not shown without --verbose");
    log.error("error B102", { code: "B102", name: "ConfigYamlSyntax" });
    const events = out
      .text()
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(events.map((e) => e.event)).toEqual(["info", "progress", "progress", "stage", "error"]);
    expect(events[2]).toMatchObject({ stage: "paginate", done: 2 });
    expect(events[3]).toMatchObject({ stage: "paginate", ms: 2720, detail: "40 pages" });
    expect(events[4]).toMatchObject({ code: "B102" });
    for (const e of events) expect(typeof e.t).toBe("number");
  });

  it("with --quiet, shows only errors, in every mode", () => {
    for (const options of [
      { stream: fakeStream(true), env: {} },
      { stream: fakeStream(false), env: {} },
      { stream: fakeStream(false), env: {}, json: true },
    ]) {
      const log = createLogger({ ...options, level: "quiet", animate: false });
      log.info("x");
      log.warn("y");
      log.stage("paginate", 10);
      log.progress("paginate", 3);
      expect(options.stream.text()).toBe("");
      log.error("error B102 ConfigYamlSyntax", { code: "B102" });
      expect(options.stream.text()).toMatch(/B102/);
    }
  });
});
