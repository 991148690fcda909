// Search, loaded on the first search instead of on every page.
// Material starts its search worker and downloads the whole index on every page load; most
// readers never search, and on a slow phone that is the largest download. The build gives
// Material an empty index and this stand-in worker (hooks/pages.py, search_on_demand). It
// answers Material's setup at once; on the first query it loads the full index and
// Material's own worker, hands it the setup, then every message. That worker is named here
// by the build (hooks/material_html.py, pin_search_bundle): its exact file, whatever a
// page's configuration says. It sits beside Material's worker so that the worker's relative
// paths (its language files) still resolve. The page's language comes after "?lang=": each
// language has its own index, so a Spanish page finds Spanish pages only. An index whose
// settings say "fold" (a language lunr has no stemmer for: Kreyòl, see
// hooks/material_html.py, search_index_config) is searched without accents: lunr's trimmer,
// the one step of its pipeline, also folds each word of the pages ("depòtasyon" is found as
// "depotasyon"), and every query is folded before Material's worker reads it.
const [SETUP, READY, QUERY, RESULT] = [0, 1, 2, 3]; // Material's search message types
const LANG = /^[a-z]{2}$/.exec(new URLSearchParams(location.search).get("lang")) ?? "en";
const FULL_INDEX = new URL(`../../../search/search_index.${LANG}.json`, location);
const BUNDLE = "search.THEME-BUNDLE.min.js"; // the build writes the theme's file name here
const reply = self.postMessage.bind(self);
const forwarded = new WeakSet();
const waiting = [];
let setup = null;
let state = "stub"; // stub -> loading -> ready
let fold = false;

const folded = (text) => text.normalize("NFD").replace(/\p{M}+/gu, "").normalize("NFC");
const asked = (message) =>
  fold && message.type === QUERY ? { ...message, data: folded(message.data) } : message;

// lunr's trimmer, for Unicode words and folded: the trimmer lunr ships keeps ASCII letters
// only, so it would cut "fè" to "f".
const foldingTrimmer = () => {
  const trimmer = (token) =>
    token.update((text) => folded(text).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""));
  self.lunr.Pipeline.registerFunction(trimmer, "foldingTrimmer");
  self.lunr.trimmer = trimmer;
};

const forward = (data) => {
  const event = new MessageEvent("message", { data });
  forwarded.add(event);
  dispatchEvent(event);
};

const load = async () => {
  const index = await (await fetch(FULL_INDEX)).json();
  // Material's worker answers its setup with READY: keep that to ourselves (Material
  // heard READY long ago), then pass on what came in meanwhile.
  self.postMessage = (message) => {
    if (message.type !== READY) return reply(message);
    self.postMessage = reply;
    state = "ready";
    waiting.splice(0).map(asked).forEach(forward);
  };
  importScripts(new URL(BUNDLE, location).href);
  fold = index.config.fold === true;
  if (fold) foldingTrimmer();
  forward({ type: SETUP, data: { ...setup.data, config: index.config, docs: index.docs } });
};

// Registered first, so it sees every message before Material's worker does.
addEventListener("message", (event) => {
  if (forwarded.has(event)) return;
  if (state === "ready") {
    if (event.data.type !== QUERY || !fold) return;
    event.stopImmediatePropagation();
    forward(asked(event.data));
    return;
  }
  event.stopImmediatePropagation();
  if (event.data.type === SETUP) {
    setup = event.data;
    reply({ type: READY });
    return;
  }
  if (state === "stub" && event.data.type === QUERY && !event.data.data.trim()) {
    reply({ type: RESULT, data: { items: [] } }); // Material asks with the empty field at once
    return;
  }
  waiting.push(event.data);
  if (state === "stub") {
    state = "loading";
    load();
  }
});
