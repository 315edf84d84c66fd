// The font families a booklet's PDF may use, for the preflight's font check of a PDF made outside a build.
import fs from "node:fs";
import { FontsSchema, loadConfig } from "../config/index.ts";
import { ownFontList } from "./font-list.ts";
import { fontInstalled, fontMetadata, resolveFonts } from "./fonts.ts";
import { scriptPackageNames } from "./scripts.ts";
import { SHIPPED_TEMPLATES, templateSet } from "./templates.ts";

/**
 * The font families a booklet declares: booklet.yaml's `fonts:` (the shipped design's without a content
 * folder), with those of a content's own templates/fonts.txt; [] when they cannot be found (the build says why).
 */
export function fontFamiliesOf(contentDir?: string): string[] {
  try {
    if (!contentDir)
      return [
        ...resolveFonts({ fonts: FontsSchema.parse({}), contentDir: SHIPPED_TEMPLATES, configFile: "" }).families,
        ...scriptFamilies(),
      ];
    const { config, file } = loadConfig({ contentDir });
    const list = templateSet(contentDir).resolve("fonts.txt");
    const extraList = ownFontList(list, contentDir, (file) => fs.readFileSync(file, "utf8"));
    return [
      ...resolveFonts({ fonts: config.fonts, contentDir, configFile: file, extraList }).families,
      ...scriptFamilies(contentDir),
    ];
  } catch {
    return [];
  }
}

/** The installed fonts of other scripts, which the build adds to the families for a script they do not draw. */
function scriptFamilies(contentDir?: string): string[] {
  return scriptPackageNames()
    .filter((pkg) => fontInstalled(pkg, contentDir))
    .map((pkg) => fontMetadata(pkg, contentDir).family);
}
