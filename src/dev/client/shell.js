// The preview's shell page: live reload over server-sent events. Each version is laid out in a frame under the
// one shown and swapped in when its pages are ready, at the reader's place; an edit to one chapter's text lays
// out that chapter alone and puts its pages in place of the old ones.
(() => {
  const desk = document.getElementById("desk");
  const status = document.getElementById("status");
  const overlay = document.getElementById("overlay");
  const overlayTitle = document.getElementById("overlay-title");
  const overlayErrors = document.getElementById("overlay-errors");
  const PLACE_KEY = "booklet-dev-place";
  const LAYOUT_TIMEOUT_MS = 120000;
  // the browser that lays the pages out, as the server keeps them (kept.ts): another browser, or another zoom,
  // may break lines elsewhere
  const BROWSER = `${navigator.userAgent} dpr=${window.devicePixelRatio}`;
  const keptUrl = (version) => `/v${version}/?kept=${encodeURIComponent(BROWSER)}`;

  /** the frame the reader sees, the version it holds, and the version whose stylesheets it was laid out with */
  let shown = null;
  /**
   * a frame loaded ahead, Paged.js ready and not yet run, with the shown pages' stylesheets: an edit to one
   * chapter lays that chapter out in it at once, instead of waiting for a new frame to load
   */
  let spare = null;
  /** every update starts a job; a job that is no longer the latest stops at its next step */
  let job = 0;
  let instance = null;
  let check = null;
  const Cancelled = new Error("cancelled");

  const history = [];
  window.bookletDev = {
    /** reports sent to the server, oldest first (the end-to-end test reads them) */
    history,
    shownVersion: () => (shown ? shown.version : 0),
    shownDocument: () => (shown ? shown.frame.contentDocument : null),
    frameError,
  };

  function report(r) {
    history.push(r);
    fetch("/_dev/report", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(r),
    }).catch(() => undefined);
  }

  function setStatus(text, kind) {
    status.textContent = text;
    status.className = kind || "";
  }

  // ---------------------------------------------------------------- errors over the pages
  function showErrors(title, errors) {
    overlayTitle.textContent = title;
    overlayErrors.replaceChildren(
      ...errors.map((e) => {
        const div = document.createElement("div");
        div.className = `error ${e.severity || "error"}`;
        const head = document.createElement("div");
        const code = document.createElement("span");
        code.className = "code";
        code.textContent = `${e.code || ""} ${e.name || ""}`.trim();
        const t = document.createElement("strong");
        t.textContent = ` ${e.title || ""}`;
        head.append(code, t);
        div.append(head);
        if (e.file) {
          const where = document.createElement("div");
          where.className = "where";
          where.textContent = `${e.file}${e.line ? `:${e.line}` : ""}${e.line && e.column ? `:${e.column}` : ""}`;
          div.append(where);
        }
        const message = document.createElement("div");
        message.className = "message";
        message.textContent = e.message || "";
        div.append(message);
        if (e.frame) {
          const pre = document.createElement("pre");
          pre.textContent = e.frame;
          div.append(pre);
        }
        if (e.hint) {
          const hint = document.createElement("div");
          hint.className = "hint";
          hint.textContent = `What to do: ${e.hint}`;
          div.append(hint);
        }
        return div;
      }),
    );
    overlay.hidden = false;
  }
  function hideErrors() {
    overlay.hidden = true;
  }

  // ---------------------------------------------------------------- the reader's place
  const pagesOf = (doc) => [...doc.querySelectorAll(".pagedjs_page")];
  const topLevel = (page) => [...page.querySelectorAll(".pagedjs_page_content > div > *")];

  /** The page at the top of the window, as "n pages after the start of part #id", and how far down it. */
  function placeOf(frame) {
    const win = frame.contentWindow;
    const pages = pagesOf(frame.contentDocument);
    if (!pages.length) return null;
    const y = win.scrollY;
    let i = pages.findIndex((p) => p.offsetTop + p.offsetHeight > y);
    if (i < 0) i = pages.length - 1;
    let a = i;
    while (a > 0 && !topLevel(pages[a]).some((e) => e.id && !e.dataset.splitFrom)) a--;
    const anchor = topLevel(pages[a]).find((e) => e.id && !e.dataset.splitFrom);
    return {
      index: i,
      anchor: anchor ? anchor.id : null,
      delta: i - a,
      offset: (y - pages[i].offsetTop) / pages[i].offsetHeight,
    };
  }
  function restorePlace(frame, place) {
    if (!place) return;
    const pages = pagesOf(frame.contentDocument);
    if (!pages.length) return;
    let i = place.index;
    if (place.anchor) {
      const el = frame.contentDocument.querySelector(`.pagedjs_page [id="${CSS.escape(place.anchor)}"]`);
      const start = el ? pages.findIndex((p) => p.contains(el)) : -1;
      if (start >= 0) i = start + place.delta;
    }
    const page = pages[Math.max(0, Math.min(pages.length - 1, i))];
    frame.contentWindow.scrollTo(0, page.offsetTop + place.offset * page.offsetHeight);
  }
  function rememberPlace(frame) {
    let pending = false;
    frame.contentWindow.addEventListener("scroll", () => {
      if (pending) return;
      pending = true;
      setTimeout(() => {
        pending = false;
        if (shown && shown.frame === frame) sessionStorage.setItem(PLACE_KEY, JSON.stringify(placeOf(frame)));
      }, 150);
    });
  }
  function savedPlace() {
    try {
      return JSON.parse(sessionStorage.getItem(PLACE_KEY) || "null");
    } catch {
      return null;
    }
  }

  // ---------------------------------------------------------------- frames
  /**
   * A frame for a version, under the shown one; resolves when its document (and Paged.js) has loaded. `src`:
   * the version's pages as kept, instead of its document.
   */
  function loadFrame(version, src = `/v${version}/`) {
    const frame = document.createElement("iframe");
    frame.className = "pending";
    frame.title = `booklet, version ${version}`;
    frame.failed = new Promise((_, reject) => (frame.fail = reject));
    frame.failed.catch(() => undefined);
    const loaded = new Promise((resolve, reject) => {
      frame.addEventListener(
        "load",
        () =>
          frame.contentWindow.bookletFrame
            ? resolve(frame)
            : reject(new Error(`version ${version} did not load (the server may have restarted)`)),
        { once: true },
      );
    });
    frame.src = src;
    desk.append(frame);
    // a frame that did not load goes: its caller has no frame to drop
    return Promise.race([loaded, frame.failed]).catch((e) => {
      frame.remove();
      throw e;
    });
  }
  function prepareSpare() {
    if (!shown || (spare && spare.styles === shown.styles)) return;
    dropSpare();
    const s = { styles: shown.styles, frame: null, loaded: null };
    // loaded, then its stylesheets read by Paged.js: what is left for an edit is the chapter's flow
    s.loaded = loadFrame(shown.version).then(async (f) => {
      s.frame = f;
      await f.contentWindow.bookletFrame.prepare();
      return f;
    });
    s.loaded.catch(() => undefined);
    spare = s;
  }
  /** The spare frame, when it has the shown pages' stylesheets; it is used once. */
  async function takeSpare() {
    const s = spare;
    if (!s || !shown || s.styles !== shown.styles) return null;
    spare = null;
    try {
      return await s.loaded;
    } catch {
      drop(s.frame);
      return null;
    }
  }
  function dropSpare() {
    if (!spare) return;
    drop(spare.frame);
    spare.loaded.then(drop, () => undefined);
    spare = null;
  }
  /** Lays a loaded frame out; fails on an error in the frame or after the time limit. */
  function layout(frame, options) {
    let timer;
    const limit = new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Paged.js did not finish within ${LAYOUT_TIMEOUT_MS / 1000} s`)),
        LAYOUT_TIMEOUT_MS,
      );
    });
    return Promise.race([frame.contentWindow.bookletFrame.paginate(options), frame.failed, limit]).finally(() =>
      clearTimeout(timer),
    );
  }
  function frameError(win, message) {
    const frame = [...desk.querySelectorAll("iframe")].find((f) => f.contentWindow === win);
    if (frame?.fail) frame.fail(new Error(message));
  }
  function show(frame, version, place) {
    const old = shown;
    frame.className = "shown";
    shown = { frame, version, styles: version };
    restorePlace(frame, place);
    rememberPlace(frame);
    if (old) old.frame.remove();
  }
  const drop = (frame) => frame?.remove();
  /** After the next frame is drawn: "ready" means the reader can see the pages. */
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

  // ---------------------------------------------------------------- pages kept between sessions
  /**
   * The version's pages as this browser laid them out before, loaded in a frame; null when none are kept.
   * `orChapter`: or another version's, which differ from it by a chapter (kept.ts), to lay that chapter out in.
   */
  async function keptFrame(version, orChapter) {
    const t0 = performance.now();
    const head = await fetch(keptUrl(version), { method: "HEAD" }).catch(() => null);
    if (!head?.ok) return null;
    const changed = head.headers.get("x-booklet-kept-chapter");
    if (changed && !orChapter) return null;
    let frame = null;
    try {
      frame = await loadFrame(version, keptUrl(version));
      setPageStyles(frame.contentDocument);
      await frame.contentWindow.bookletJoin.loaded();
      return {
        frame,
        pages: pagesOf(frame.contentDocument).length,
        layoutMs: performance.now() - t0,
        chapter: changed ? decodeURIComponent(changed) : undefined,
      };
    } catch (e) {
      drop(frame);
      console.warn("booklet dev: the kept pages did not load; laying out", e);
      return null;
    }
  }
  /** Gives a laid-out frame's pages to the server to keep, for this version and browser (kept.ts). */
  function keep(frame, version) {
    let html;
    try {
      html = capturePages(frame);
    } catch (e) {
      console.warn("booklet dev: the pages could not be written down to keep", e);
      return;
    }
    if (!html) return;
    fetch(`/_dev/kept?v=${version}&browser=${encodeURIComponent(BROWSER)}`, {
      method: "POST",
      headers: { "content-type": "text/html" },
      body: html,
    })
      .then((res) => res.ok && report({ type: "kept", version }))
      .catch(() => undefined);
  }

  /**
   * The frame's page written down (the build's captureShell). Paged.js sets the running heads' strings on each
   * page as unterminated CSS strings ('"Black January'), which the style attribute, written out and read
   * again, does not keep (parts.ts, serializeParts): each page's declarations go with it as data, and
   * setPageStyles sets them again through the CSSOM.
   */
  function capturePages(frame) {
    const pages = pagesOf(frame.contentDocument);
    for (const p of pages)
      p.dataset.bookletStyle = JSON.stringify(
        [...p.style].map((name) => [name, p.style.getPropertyValue(name), p.style.getPropertyPriority(name)]),
      );
    try {
      return frame.contentWindow.bookletJoin.capture();
    } finally {
      for (const p of pages) delete p.dataset.bookletStyle;
    }
  }
  function setPageStyles(doc) {
    for (const p of doc.querySelectorAll(".pagedjs_page[data-booklet-style]")) {
      const declarations = JSON.parse(p.dataset.bookletStyle);
      p.removeAttribute("style");
      for (const [name, value, priority] of declarations) p.style.setProperty(name, value, priority);
      delete p.dataset.bookletStyle;
    }
  }

  // ---------------------------------------------------------------- laying out an update
  async function full(version, mode, myJob, fallback) {
    const place = shown ? placeOf(shown.frame) : savedPlace();
    setStatus(`laying out version ${version}…`, "busy");
    const t0 = performance.now();
    // not when the chapter could not be laid out alone in the shown pages: it could not in the kept ones either
    let kept = await keptFrame(version, !fallback);
    if (kept?.chapter) {
      // the pages of the version before, kept: that chapter laid out alone in them, as after a save
      const into = { frame: kept.frame, version: 0 };
      const change = { kind: "chapter", id: kept.chapter };
      const done = await chapterOnly({ version, change, receivedAt: performance.now() }, myJob, into).catch((e) => {
        drop(kept.frame);
        throw e;
      });
      if (done !== true) {
        drop(kept.frame);
        fallback = `the kept pages: ${done}`;
        kept = null;
      } else {
        kept.pages = pagesOf(kept.frame.contentDocument).length;
        kept.layoutMs = performance.now() - t0;
      }
    }
    const frame = kept ? kept.frame : await loadFrame(version);
    try {
      if (myJob !== job) throw Cancelled;
      const r =
        kept || (await layout(frame, { onPage: (n) => myJob === job && setStatus(`laying out… ${n} pages`, "busy") }));
      if (myJob !== job) throw Cancelled;
      show(frame, version, place);
      setStatus(`${r.pages} pages`, "ok");
      await painted();
      report({
        type: "ready",
        version,
        mode: kept ? "kept" : mode,
        chapter: kept?.chapter,
        pages: r.pages,
        layoutMs: Math.round(r.layoutMs),
        flowMs: Math.round(r.flowMs || 0),
        fallback,
      });
      // kept pages are checked against a new layout, as a chapter laid out alone is; a new layout is kept
      if (kept) scheduleCheck(version, kept.chapter ? "chapter" : "kept");
      else keep(frame, version);
    } catch (e) {
      drop(frame);
      throw e;
    }
  }

  /**
   * One chapter's text changed: lay out that chapter alone, starting from the running heads of the page before
   * it, and put its pages in place of the old ones: the other parts' pages are not laid out again. When it takes
   * more or fewer pages (blank pages included), the pages after it move on or back by an even number, keeping
   * their sides, and are numbered on; the page references (the contents' numbers) are then set again, as the
   * build sets them in a join of laid-out parts (parts.ts, setPageReferences). Returns true, or why the whole
   * document must be laid out. `into`: the pages to change, the shown ones, or kept pages not shown yet (full).
   */
  async function chapterOnly(update, myJob, into = shown) {
    const id = update.change.id;
    const docA = into.frame.contentDocument;
    const pagesA = pagesOf(docA);
    const first = docA.querySelector(`.pagedjs_page [id="${CSS.escape(id)}"]`);
    if (!first) return "the chapter is not on the pages shown";
    const ref = first.dataset.ref;
    const start = pagesA.findIndex((p) => p.contains(first));
    let end = start;
    while (end + 1 < pagesA.length && topLevel(pagesA[end + 1]).some((e) => e.dataset.ref === ref)) end++;
    while (end + 1 < pagesA.length && pagesA[end + 1].classList.contains("pagedjs_blank_page")) end++;
    for (let i = start; i <= end; i++) {
      if (topLevel(pagesA[i]).some((e) => e.dataset.ref !== ref)) return "the chapter shares a page with another part";
    }
    const carry = start > 0 ? JSON.parse(pagesA[start - 1].dataset.bookletStrings || "{}") : {};

    // the new version's body in the spare frame (the stylesheets are the same: only a chapter's text changed),
    // or a new frame when there is no spare
    const t = { received: update.receivedAt };
    // the spare has the shown pages' stylesheets: kept pages may have others
    let frame = into === shown ? await takeSpare() : null;
    t.spare = performance.now();
    let body;
    if (frame)
      body = await fetch(`/v${update.version}/`).then((res) =>
        res.ok ? res.text() : Promise.reject(new Error(`version ${update.version}: ${res.status}`)),
      );
    else frame = await loadFrame(update.version);
    t.fetched = performance.now();
    try {
      if (myJob !== job) throw Cancelled;
      setStatus("laying out the chapter…", "busy");
      const r = await layout(frame, { only: id, carry, body });
      t.laidOut = performance.now();
      if (myJob !== job) throw Cancelled;
      const pagesB = pagesOf(frame.contentDocument);
      let s = pagesB.findIndex((p) => p.querySelector("[data-booklet-sentinel]"));
      if (s < 0) {
        if (end + 1 < pagesA.length) return "the part after the chapter did not start a page";
        s = pagesB.length;
      }
      if (topLevel(pagesB[s] || document.createElement("div")).some((e) => e.dataset.id === id || e.id === id))
        return "the chapter ends on the page of the part after it";
      const count = end - start + 1;
      const why = cannotMove(docA, { from: pagesA[start], to: pagesB[0], count, now: s });
      if (why) return why;
      const place = s !== count ? placeOf(into.frame) : null;
      pagesA[start].before(...pagesB.slice(0, s).map((p) => docA.importNode(p, true)));
      for (let i = start; i <= end; i++) pagesA[i].remove();
      const total = numberPages(docA);
      // the page references (the contents' numbers) from the pages as they now are, by the build's own code
      // (parts.ts, served as /_booklet/join.js), in place of those set before
      into.frame.contentWindow.bookletJoin.setPageReferences();
      if (place) restorePlace(into.frame, place);
      into.version = update.version;
      // pages not shown yet (kept pages): their caller shows them
      if (into !== shown) return true;
      setStatus(`${total} pages`, "ok");
      t.spliced = performance.now();
      await painted();
      t.painted = performance.now();
      // where the time went, from the event's arrival (for the benchmark's breakdown)
      const steps = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v - t.received)]));
      report({
        type: "ready",
        version: update.version,
        mode: "chapter",
        pages: total,
        layoutMs: Math.round(r.layoutMs),
        flowMs: Math.round(r.flowMs),
        spare: body !== undefined,
        steps,
      });
      return true;
    } finally {
      drop(frame);
    }
  }

  const sideOf = (p) => (p.classList.contains("pagedjs_left_page") ? "left" : "right");

  /**
   * Why a chapter's `count` pages, from the page `from`, cannot give way to the `now` pages laid out from `to`
   * (the chapter alone): "" when they can. The pages after it keep their sides only if they move by an even
   * number; a counter Paged.js resets on a numbered page (its rule names the number) would not move with them.
   */
  function cannotMove(doc, { from, to, count, now }) {
    if (sideOf(to) !== sideOf(from)) return "the chapter would start on the other side";
    if (now === count) return "";
    const differs = `the chapter now takes ${now} pages instead of ${count}`;
    if ((now - count) % 2) return `${differs}, which would put the pages after it on the other side`;
    for (const sheet of doc.styleSheets) {
      let rules;
      try {
        rules = sheet.cssRules;
      } catch {
        continue;
      }
      for (const rule of rules)
        if (rule.selectorText?.includes("data-page-number="))
          return `${differs}, and a counter is reset on a numbered page`;
    }
    return "";
  }

  /** Numbers the pages in their order, as Paged.js numbers them; returns how many there are. */
  function numberPages(doc) {
    const pages = pagesOf(doc);
    for (const [i, page] of pages.entries()) {
      page.id = `page-${i + 1}`;
      page.dataset.pageNumber = String(i + 1);
      page.classList.toggle("pagedjs_first_page", i === 0);
    }
    const area = doc.querySelector(".pagedjs_pages");
    if (area) area.style.setProperty("--pagedjs-page-count", String(pages.length));
    return pages.length;
  }

  /**
   * A page's text, classes, running heads, page references and the boxes of its blocks and notes (where each
   * sits on the page, how tall it is): two layouts are the same when these are.
   */
  function signature(page) {
    const strings = [...page.style]
      .filter((p) => p.startsWith("--pagedjs-string"))
      .sort()
      .map((p) => `${p}=${page.style.getPropertyValue(p)}`);
    const text = (page.querySelector(".pagedjs_area") || page).textContent.replace(/\s+/g, " ").trim();
    const top = page.getBoundingClientRect().top;
    const boxes = [
      ...page.querySelectorAll(
        ".pagedjs_page_content p, .pagedjs_page_content h1, .pagedjs_page_content h2, .pagedjs_page_content h3, .pagedjs_page_content tr, .pagedjs_page_content figure, .pagedjs_footnote_area [data-note]",
      ),
    ]
      .map((e) => {
        const r = e.getBoundingClientRect();
        return `${Math.round(r.top - top)}+${Math.round(r.height)}`;
      })
      .join(",");
    // the numbers page references show (the contents'): the counter each link's ::before and ::after reset
    const win = page.ownerDocument.defaultView;
    const refs = [...page.querySelectorAll("[href^='#']")]
      .map((a) => ["::before", "::after"].map((p) => /\d*$/.exec(win.getComputedStyle(a, p).counterReset)[0]).join("/"))
      .join(",");
    return { classes: [...page.classList].sort().join(" "), strings: strings.join(";"), text, boxes, refs };
  }
  function compare(docA, docB) {
    const a = pagesOf(docA).map(signature);
    const b = pagesOf(docB).map(signature);
    const differences = [];
    if (a.length !== b.length) differences.push(`${a.length} pages against ${b.length}`);
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      for (const k of ["classes", "strings", "text", "boxes", "refs"])
        if (a[i][k] !== b[i][k]) differences.push(`page ${i + 1}: ${k} differ`);
    }
    return differences;
  }

  /**
   * After a chapter was laid out alone (of: "chapter"), or kept pages were shown ("kept"), lay out the whole
   * document in the background and compare: the check that the shortcut gave the pages a full layout gives; if
   * not, show the full layout. The full layout is kept for the next session, unless it is what was kept.
   */
  function scheduleCheck(version, of) {
    cancelCheck();
    const myJob = job;
    check = {
      timer: setTimeout(async () => {
        let frame;
        try {
          frame = await loadFrame(version);
          check.frame = frame;
          if (myJob !== job) throw Cancelled;
          await layout(frame, {});
          if (myJob !== job || !shown || shown.version !== version) throw Cancelled;
          const differences = compare(shown.frame.contentDocument, frame.contentDocument);
          // the check is over: cancelling it later must not remove a frame that is now shown
          check = null;
          if (differences.length || of === "chapter") keep(frame, version);
          if (differences.length) show(frame, version, placeOf(shown.frame));
          else drop(frame);
          report({ type: "check", version, of, same: differences.length === 0, differences: differences.slice(0, 10) });
        } catch (e) {
          drop(frame);
          if (e !== Cancelled) console.warn("booklet dev: the background check failed", e);
        }
      }, 400),
      frame: null,
    };
  }
  function cancelCheck() {
    if (!check) return;
    clearTimeout(check.timer);
    drop(check.frame);
    check = null;
  }

  async function apply(update) {
    const myJob = ++job;
    clearTimeout(spareTimer);
    cancelCheck();
    hideErrors();
    try {
      if (update.change.kind === "none") {
        if (shown) setStatus(`${pagesOf(shown.frame.contentDocument).length} pages`, "ok");
        if (shown && shown.version === update.version) return;
      }
      let fallback;
      if (update.change.kind === "chapter" && shown && shown.version === update.base) {
        const r = await chapterOnly(update, myJob);
        if (r === true) {
          afterReady(myJob);
          scheduleCheck(update.version, "chapter");
          return;
        }
        fallback = r;
      } else if (update.change.kind === "chapter") fallback = "the page showed another version";
      if (myJob !== job) return;
      await full(update.version, shown ? "full" : "initial", myJob, fallback);
      afterReady(myJob);
    } catch (e) {
      if (e === Cancelled || myJob !== job) return;
      const message = (e && (e.stack || e.message)) || String(e);
      setStatus("layout failed", "bad");
      showErrors("The pages could not be laid out", [
        { code: "B404", name: "PageError", title: "The page reported an error while it was paginated", message },
      ]);
      report({ type: "layout-failed", version: update.version, message });
    }
  }

  let spareTimer;
  /** Once the pages are shown, a spare frame for the next edit loads while the reader reads. */
  function afterReady(myJob) {
    clearTimeout(spareTimer);
    spareTimer = setTimeout(() => myJob === job && prepareSpare(), 50);
  }

  // ---------------------------------------------------------------- the server's events
  const events = new EventSource("/_dev/events");
  events.addEventListener("state", (e) => {
    const s = JSON.parse(e.data);
    // another server (restarted): its versions are not ours
    if (instance && instance !== s.instance) {
      drop(shown?.frame);
      shown = null;
    }
    instance = s.instance;
    if (s.version && (!shown || shown.version !== s.version))
      apply({ version: s.version, base: 0, change: { kind: "full", reason: "loaded" } });
    if (s.errors) {
      setStatus("build failed", "bad");
      showErrors("The booklet could not be built", s.errors);
    } else if (!s.version) setStatus("waiting for a build", "busy");
  });
  events.addEventListener("update", (e) => apply({ ...JSON.parse(e.data), receivedAt: performance.now() }));
  events.addEventListener("failed", (e) => {
    const f = JSON.parse(e.data);
    // a layout under way goes on: it is of the last good version, which the errors are shown over
    setStatus("build failed", "bad");
    showErrors("The booklet could not be built", f.errors);
  });
  events.addEventListener("error", () => setStatus("disconnected: is booklet dev still running?", "bad"));
})();
