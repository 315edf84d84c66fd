// sources.yaml as editors write it: a field left empty is a field not known, not a crash.
import { describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/load.ts";
import type { BookletError } from "../../src/errors/booklet-error.ts";
import { tempProject } from "../helpers/tmp.ts";

describe("a source whose `issued:` is left empty", () => {
  it("is loaded as undated (it threw a TypeError reading date-parts of null)", () => {
    const dir = tempProject({
      "chapters/01-a.md": "---\ntitle: A\norder: 1\n---\nText.\n",
      "sources.yaml": "- id: src-a\n  title: A source\n  issued:\n",
    });
    const problems: BookletError[] = [];
    const content = loadContent({ contentDir: dir, problems });
    expect(problems).toEqual([]);
    expect(content.sources.get("src-a")?.item.issued).toBeUndefined();
  });

  it("is still refused when `issued` is a list instead of { date-parts }", () => {
    const dir = tempProject({
      "chapters/01-a.md": "---\ntitle: A\norder: 1\n---\nText.\n",
      "sources.yaml": "- id: src-a\n  title: A source\n  issued: [2020]\n",
    });
    const problems: BookletError[] = [];
    loadContent({ contentDir: dir, problems });
    expect(problems.map((p) => [p.kind, p.location?.line])).toEqual([["SourceInvalid", 3]]);
  });
});
