// Markdown to HTML: chapters with their citations and notes, hyphenated, and checked for unsafe markup.
export { hyphenateHtml, hyphenationNotice } from "./hyphenate.ts";
export { type ChapterContext, citePlaceholder, createMarkdown, renderChapterMarkdown } from "./render.ts";
export { isRemote, remoteMessage, scanCss, scanHtml } from "./safety.ts";
