// The HTML document of an edition: the content rendered through the templates, with its fonts and design.
export { fontFamiliesOf } from "./families.ts";
export { FONT_PREFIX, fontFile } from "./fonts.ts";
export { type RenderedDocument, renderDocument } from "./render.ts";
export { SHIPPED_TEMPLATES } from "./templates.ts";
