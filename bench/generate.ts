// Generated booklets for the growth measurements: the shipped content with its chapters replaced by copies of one.
import fs from "node:fs";
import path from "node:path";
import { splitFrontMatter } from "../src/content/load.ts";

export interface GenerateOptions {
  /** the content folder to start from (its booklet.yaml, sources, data, charts, foreword) */
  from: string;
  into: string;
  /** the chapter copied, by file name in chapters/ */
  template: string;
  chapters: number;
}

/** Writes the content folder and returns it. Each copy is a chapter of its own (its own notes, its own page). */
export function generateBooklet(options: GenerateOptions): string {
  fs.rmSync(options.into, { recursive: true, force: true });
  fs.cpSync(options.from, options.into, { recursive: true });
  const chapters = path.join(options.into, "chapters");
  const template = fs.readFileSync(path.join(options.from, "chapters", options.template), "utf8");
  const { body } = splitFrontMatter(template);
  const title = /^title:\s*(.+)$/m.exec(template)?.[1] ?? options.template;
  fs.rmSync(chapters, { recursive: true, force: true });
  fs.mkdirSync(chapters);
  for (let i = 1; i <= options.chapters; i++) {
    const n = String(i).padStart(3, "0");
    fs.writeFileSync(
      path.join(chapters, `${n}-copy.md`),
      `---\ntitle: "Chapter ${i}: ${title.replace(/"/g, "'")}"\nshort: Chapter ${i}\norder: ${i}\n---\n${body}`,
    );
  }
  // an edition folder's chapters would replace copies by name: none here
  fs.rmSync(path.join(options.into, "editions"), { recursive: true, force: true });
  return options.into;
}
