// `booklet dev`: the live preview.
export { DEFAULT_PORT, dev } from "./dev.ts";
