// Puts the benchmark's section into the README between its markers, leaving everything else as it is.
import fs from "node:fs";

export const START = "<!-- bench:start -->";
export const END = "<!-- bench:end -->";

export function writeBenchSection(options: { file: string; markdown: string }): void {
  let text = fs.existsSync(options.file) ? fs.readFileSync(options.file, "utf8") : "";
  const s = text.indexOf(START);
  const e = text.indexOf(END);
  if (s < 0 || e < s) text = `${text.replace(/\s*$/, text ? "\n\n" : "")}${START}\n${END}\n`;
  const from = text.indexOf(START) + START.length;
  const to = text.indexOf(END);
  fs.writeFileSync(options.file, `${text.slice(0, from)}\n${options.markdown.trim()}\n${text.slice(to)}`);
}
