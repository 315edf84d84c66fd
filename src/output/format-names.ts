// The names of the output formats, apart from the formats themselves: the command line and the up-to-date
// check read them without loading pdf-lib and the rest of what makes the files.
export const FORMATS = ["screen", "print", "imposed", "html"] as const;
export type FormatName = (typeof FORMATS)[number];
