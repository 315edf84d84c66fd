// `booklet init`: a new content folder.
export { init } from "./init.ts";
