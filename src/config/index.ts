// booklet.yaml read, checked and resolved: the edition, the languages, the page sizes and fonts it names.
export { bookletValues, buildDate, computeEdition, defaultEditionYear, type Edition, ordinal } from "./edition.ts";
export { type BookletLanguage, hasLanguages, LANGUAGES_DIR, pickLanguages } from "./languages.ts";
export { checkEventDate, loadConfig, overlayDirs } from "./load.ts";
export { type ResolvedConfig, resolveConfig } from "./resolve.ts";
export {
  BookletConfigSchema,
  type FontsConfig,
  FontsSchema,
  PAGE_SIZES,
  type PageSizeName,
  type PrintConfig,
  pageSizeMm,
} from "./schema.ts";
