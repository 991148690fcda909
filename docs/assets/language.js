// Language switcher: point each language link at the same page in that language.
// Material renders the links as language roots (its instant navigation needs them there);
// the header outlives page swaps, so the links are retargeted after every navigation.
const retarget = () => {
  const links = [...document.querySelectorAll(".md-select a[hreflang]")];
  for (const a of links) a.dataset.root ??= a.href;
  const here = location.href.split("#")[0];
  const roots = links.map((a) => a.dataset.root).filter((root) => here.startsWith(root));
  const current = roots.sort((a, b) => b.length - a.length)[0];
  if (current === undefined) return;
  for (const a of links) {
    a.href = a.dataset.root + here.slice(current.length);
    // A full load, not an instant swap, so that <html lang> and the search index change too.
    a.target = "_self";
  }
};

// From the self-check's summary, the other language opens the same summary: its answer code
// travels in the address fragment (never sent to a server, nothing stored). Half-way through,
// the other language starts again and says so (#pd-restarted).
addEventListener(
  "click",
  (event) => {
    const a = event.target.closest?.(".md-select a[hreflang]");
    if (!a) return;
    retarget(); // also right after an instant navigation, before Material reports it
    const code = document.querySelector(".pd-result:not([hidden]) [data-code]");
    const midway = document.querySelector(".pd-form:not([hidden]) input:checked");
    a.hash = code ? "code=" + code.textContent : midway ? "pd-restarted" : "";
  },
  true,
);

if (window.document$) window.document$.subscribe(retarget);
else retarget();
