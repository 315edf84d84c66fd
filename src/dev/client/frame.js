// Runs in the document's own frame of the preview, before Paged.js: lays the pages out when the shell asks.
/* global Paged, PagedPolyfill */
window.PagedConfig = { auto: false, settings: { hyphenGlyph: "-" } };

(() => {
  let patched = false;
  let carry = {};

  /**
   * Running heads (string-set) carry from page to page inside Paged.js. Each page records the strings in
   * force after it, and a chapter laid out alone starts from the strings of the page before it, so that its
   * running heads are those of the whole document.
   */
  function patchStringSets() {
    if (patched) return;
    patched = true;
    const StringSets = Paged.registeredHandlers.find((h) => h.name === "StringSets");
    if (!StringSets) return;
    const original = StringSets.prototype.afterPageLayout;
    StringSets.prototype.afterPageLayout = function (fragment, ...rest) {
      if (this.pageLastString === undefined) this.pageLastString = { ...carry };
      const r = original.call(this, fragment, ...rest);
      fragment.dataset.bookletStrings = JSON.stringify(this.pageLastString || {});
      return r;
    };
  }

  /**
   * Keeps only one part (a chapter) of the body, followed by an empty copy of the element after it: the copy
   * starts a page as that element would (break-before, named page), so the pages before it are exactly the
   * part's pages, blank pages included.
   */
  function keepOnly(id) {
    const part = document.getElementById(id);
    if (!part || part.parentElement !== document.body) throw new Error(`#${id} is not a part of the body`);
    const next = part.nextElementSibling;
    const keep = [part];
    if (next) {
      const sentinel = next.cloneNode(false);
      sentinel.setAttribute("data-booklet-sentinel", "");
      sentinel.removeAttribute("id");
      sentinel.textContent = "sentinel";
      keep.push(sentinel);
    }
    document.body.replaceChildren(...keep);
  }

  let prepared = null;

  window.bookletFrame = {
    /**
     * Reads the stylesheets with Paged.js ahead of the layout, as its preview() does first: the spare frame does
     * it while the reader reads, so that an edited chapter's layout starts at the flow.
     */
    prepare() {
      prepared ??= (async () => {
        patchStringSets();
        const p = PagedPolyfill;
        await p.hooks.beforePreview.trigger(undefined, undefined);
        const stylesheets = p.removeStyles();
        p.polisher.setup();
        p.handlers = p.initializeHandlers();
        await p.polisher.add(...stylesheets);
      })();
      return prepared;
    },

    /**
     * options: { only?: the id of the one part to lay out, carry?: running-head strings before it, body?: the
     * HTML of a newer version of the document, whose body replaces this one's (its stylesheets are the same) }
     */
    async paginate(options = {}) {
      carry = options.carry || {};
      patchStringSets();
      if (options.body) {
        const newer = new DOMParser().parseFromString(options.body, "text/html");
        document.body.replaceWith(document.importNode(newer.body, true));
      }
      if (options.only) keepOnly(options.only);
      let n = 0;
      PagedPolyfill.on("page", () => {
        n++;
        if (options.onPage) options.onPage(n);
      });
      const t0 = performance.now();
      let flow;
      if (prepared) {
        // the rest of preview(), after the stylesheets
        await prepared;
        const p = PagedPolyfill;
        const start = performance.now();
        flow = await p.chunker.flow(p.wrapContent(), undefined);
        flow.performance = performance.now() - start;
        flow.size = p.size;
        p.emit("rendered", flow);
        await p.hooks.afterPreview.trigger(flow.pages);
      } else flow = await PagedPolyfill.preview();
      await document.fonts.ready;
      // flowMs: Paged.js's own layout time, without reading the stylesheets
      return { pages: flow.total, layoutMs: performance.now() - t0, flowMs: flow.performance };
    },
  };

  // opened on its own (not in the preview's shell): lay out at once
  if (window.parent === window) window.addEventListener("load", () => window.bookletFrame.paginate());
  else {
    const report = (message) => {
      try {
        window.parent.bookletDev?.frameError(window, message);
      } catch {
        // the shell is gone
      }
    };
    window.addEventListener("error", (e) => report(e.error?.stack || e.message));
    window.addEventListener("unhandledrejection", (e) => report(e.reason?.stack || String(e.reason)));
  }
})();
