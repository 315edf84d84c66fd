// The catalogue of every language the booklet's own words are translated into; English is the reference.
export { az } from "./az.ts";
export { de } from "./de.ts";
export { type Catalogue, en, type MessageId } from "./en.ts";
export { fr } from "./fr.ts";
export { ja } from "./ja.ts";
export { ko } from "./ko.ts";
export { ru } from "./ru.ts";
export { tr } from "./tr.ts";
