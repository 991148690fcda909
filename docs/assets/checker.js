// The self-check: runs the criteria rules in the reader's browser. Answers live in this
// page's memory only: nothing is sent, stored or kept after a reload.
// The rule functions mirror hooks/criteria.py and the answer code hooks/answercode.py
// exactly; tests compare both (tests/browser/test_checker.py). The file is minified without
// renaming (hooks/trim.py) and must stay small (README, "Benchmark"): hence short names.

// rule: {all|any: [rules]}, {not: rule}, {always: true} or {question: [options]}; a (the
// answers): {question: option}, or {question: [options]} for a multiple question, which
// matches when any ticked option is listed.
export const matches = (rule, a) => {
  const [k, v] = Object.entries(rule)[0];
  return k == "always" || (k == "all" ? v.every((r) => matches(r, a))
    : k == "any" ? v.some((r) => matches(r, a))
    : k == "not" ? !matches(v, a)
    : [].concat(a[k]).some((o) => v.includes(o)));
};

const shown = (q, a) => !q.showIf || matches(q.showIf, a);

// The answers to the questions that are asked, given the earlier answers.
const asked = (rules, a) => {
  const kept = {};
  for (const q of rules.questions) if (shown(q, kept) && a[q.id]) kept[q.id] = a[q.id];
  return kept;
};

export const visibleQuestions = (rules, a) => {
  const kept = asked(rules, a);
  return rules.questions.filter((q) => shown(q, kept)).map((q) => q.id);
};

export const evaluate = (rules, a) => {
  const kept = asked(rules, a);
  return rules.factors.filter((f) => matches(f.when, kept)).map((f) => f.id);
};

// Answer code v2: each question asked is one mixed-radix digit, the first the lowest (a
// multiple question's digit is the bit mask of its boxes), in Crockford's base 32, then the
// version and a Damm check character (x * y = 2x + y in GF(32)), so typos and swaps show.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const radix = (q) => (q.multiple ? 2 ** q.options.length : q.options.length);
const damm = (text) =>
  [...text, "0"].reduce((n, c) => (n << 1) ^ (n & 16 ? 37 : 0) ^ ALPHABET.indexOf(c), 0);

export const encode = (rules, a) => {
  let value = 0;
  let weight = 1;
  let text = rules.code.version;
  for (const q of rules.questions.filter((q) => visibleQuestions(rules, a).includes(q.id))) {
    const o = q.options;
    value += weight * (q.multiple ? a[q.id].reduce((m, x) => m + 2 ** o.indexOf(x), 0) : o.indexOf(a[q.id]));
    weight *= radix(q);
  }
  for (let i = rules.code.digits; i--; value = Math.floor(value / 32)) text = ALPHABET[value % 32] + text;
  return "PD-" + text.slice(0, -2) + "-" + text.slice(-2) + ALPHABET[damm(text)];
};

// ["ok", answers], ["old", {}] for a code of an older version, or ["invalid", {}].
export const decode = (rules, code) => {
  const text = String(code).toUpperCase().replace(/[\s-]/g, "").replace(/^PD/, "")
    .replace(/O/g, "0").replace(/[IL]/g, "1");
  const n = text.length;
  const bad = [...text].some((c) => !ALPHABET.includes(c));
  const no = ["invalid", {}];
  const old = ["old", {}];
  // Version 1 codes (four digits and two of version) had no check character.
  if (n == 6 && !bad) return old;
  if (bad || n < 8 || n > 13 || damm(text)) return no;
  if (text.slice(-3, -1) != rules.code.version) return old;
  if (n != rules.code.digits + 3) return no;
  let value = [...text.slice(0, -3)].reduce((v, c) => v * 32 + ALPHABET.indexOf(c), 0);
  const a = {};
  for (const q of rules.questions) {
    if (!shown(q, a)) continue;
    const digit = value % radix(q);
    value = Math.floor(value / radix(q));
    const x = (a[q.id] = q.multiple ? q.options.filter((o, i) => (digit >> i) & 1) : q.options[digit]);
    // No box, or an exclusive box ("none") with another: nobody can tick that.
    if (q.multiple && !(x.length == 1 || (x[0] && !x.some((o) => q.multiple.includes(o))))) return no;
  }
  return value ? no : ["ok", a];
};

// The answers of each self-check, kept in this page's memory (never stored) so that a reader
// who follows a link in the summary, or steps back, finds them again. A reload clears them.
const kept = {};
// History entries carry the step number only (#pd-step-3): the phone's Back button then
// steps back through the questions, "Check your answers" (one past the last question) and
// the summary (two past).
const STEP = /^#pd-step-(\d+)$/;
const make = (tag, text) => {
  const el = document.createElement(tag);
  el.textContent = text;
  return el;
};

// The DOM part, shaped like a GOV.UK Frontend component: built from its root element, it
// stops quietly (the no-JavaScript fallback stays) when something it needs is missing, and
// reads the address fragment defensively: a malformed code is an invalid one, never an error.
class SelfCheck {
  constructor(root) {
    const $ = (s) => root.querySelector(s);
    try {
      this.rules = JSON.parse(root.dataset.rules);
      this.list = document.getElementById("pd-factors-" + this.rules.id);
      // Only the build's own element: its id names its rules, and its factor list is here.
      if (root.id != "pd-checker-" + this.rules.id || !this.list || !this.rules.code.digits) return;
    } catch {
      return;
    }
    Object.assign(this, {
      root,
      form: $("form"),
      review: $(".pd-review"),
      result: $(".pd-result"),
      notice: $("[data-code-message]"),
      next: $("[type=submit]"),
      back: $("[data-action=back]"),
      steps: [...root.querySelectorAll(".pd-step")],
      path: location.pathname,
      at: 0,
    });
    root.dataset.ready = "";
    root.check = this;
    this.form.onchange = (e) => this.changed(e.target);
    this.form.onsubmit = (e) => this.submit(e);
    this.form.onclick = (e) => {
      const link = e.target.closest("a[href^='#pd-step-']");
      if (!link) return;
      // A Change link: Material's instant navigation would reload the page for its address.
      e.preventDefault();
      e.stopPropagation();
      this.changing = 1;
      history.pushState({}, "", link.hash);
      this.show(link.hash.slice(9) - 1);
    };
    this.back.onclick = () => (STEP.test(location.hash) ? history.back() : this.show(this.at - 1));
    this.result.onclick = (e) => this.act(e.target.closest("[data-action]")?.dataset.action);
    let code = /^#code=(.*)$/s.exec(location.hash);
    try {
      code = code && decodeURIComponent(code[1]);
    } catch {
      code = "%"; // not even a valid escape
    }
    const [status, decoded] = code == null ? [] : decode(this.rules, code);
    const given = code == null ? kept[this.rules.id] : status == "ok" && decoded;
    if (!given) this.restart();
    else {
      this.fill(given);
      // A code opens its summary; answers kept in memory return to the step in the address.
      if (code == null) this.follow();
      else this.summary();
    }
    const message = { old: "codeMessage", invalid: "invalid" }[status] || (location.hash == "#pd-restarted" && "restarted");
    if (message) {
      this.notice.textContent = this.notice.dataset[message];
      this.notice.hidden = false;
      this.notice.focus();
    }
  }

  step(id) {
    return this.steps.find((s) => s.dataset.question == id);
  }

  answers() {
    const a = {};
    for (const s of this.steps) {
      const ticked = [...s.querySelectorAll(":checked")].map((i) => i.value);
      if (ticked[0]) a[s.dataset.question] = s.querySelector("[type=checkbox]") ? ticked : ticked[0];
    }
    return a;
  }

  visible() {
    return visibleQuestions(this.rules, this.answers());
  }

  record(n) {
    history.pushState({}, "", "#pd-step-" + n);
  }

  // Show one view (a question's step, the review or the summary); focus moves to its
  // fieldset or heading, and it scrolls to below the sticky header.
  view(show, focus) {
    for (const s of [...this.steps, this.review, this.result]) s.hidden = s != show;
    this.form.hidden = show == this.result;
    this.back.hidden = show == this.step(this.visible()[0]);
    const ids = this.visible();
    const a = this.answers();
    // The total is known once every question that decides what else is asked is answered.
    const known = ids.every((id) => !this.rules.gates.includes(id) || a[id]);
    const count = show.querySelector("[data-count]");
    if (count) count.textContent = this.at + 1 + (known ? " " + this.root.dataset.of + " " + ids.length : "");
    this.next.textContent = this.next.dataset[show == this.review ? "last" : "next"];
    if (focus) {
      const target = show.querySelector("h3,fieldset");
      target.focus({ preventScroll: true });
      (show == this.result ? target : show).scrollIntoView();
    }
  }

  show(n, focus = true) {
    this.at = n;
    this.view(this.step(this.visible()[n]), focus);
  }

  // The questions and answers as a list; with Change links for "Check your answers".
  fillList(dl, links) {
    dl.replaceChildren(
      ...this.visible().map((id, n) => {
        const s = this.step(id);
        const row = make("div");
        const question = s.querySelector(".pd-q").textContent;
        const answer = make("dd");
        answer.append(...[...s.querySelectorAll(":checked+span")].map((o) => make("span", o.textContent)));
        row.append(make("dt", question), answer);
        if (links) {
          const a = make("a", dl.dataset.change);
          a.href = "#pd-step-" + (n + 1);
          a.setAttribute("aria-label", a.text + ": " + question);
          row.append(make("dd"));
          row.lastChild.append(a);
        }
        return row;
      }),
    );
  }

  showReview() {
    this.at = this.visible().length;
    this.changing = 0;
    this.fillList(this.review.querySelector("dl"), 1);
    this.view(this.review, 1);
  }

  summary() {
    const r = this.result;
    const a = this.answers();
    const found = evaluate(this.rules, a);
    for (const group of r.querySelectorAll("[data-kind]")) {
      const call = group.dataset.kind == "urgent" && r.querySelector("[data-call]");
      const cards = this.rules.factors.filter((f) => f.kind == group.dataset.kind && found.includes(f.id)).map((f) => {
        // A copy of the factor's card in the list on the page, so its links are the ones
        // MkDocs resolved and checked; ids are dropped to keep them unique.
        const copy = this.list.querySelector(`[data-factor="${f.id}"]`).cloneNode(true);
        copy.querySelectorAll(".headerlink").forEach((x) => x.remove());
        copy.querySelectorAll("[id]").forEach((x) => x.removeAttribute("id"));
        copy.querySelectorAll("h4").forEach((h) => {
          const sub = make("h5");
          sub.append(...h.childNodes);
          h.replaceWith(sub);
        });
        if (call) copy.append(call.content.cloneNode(true));
        return copy;
      });
      group.querySelector("[data-slot]").replaceChildren(...cards);
      group.hidden = !cards[0];
    }
    this.fillList(r.querySelector("[data-answers]"));
    r.querySelector("[data-code]").textContent = encode(this.rules, a);
    r.querySelector("[data-printed]").textContent = new Date().toLocaleDateString(document.documentElement.lang);
    kept[this.rules.id] = a;
    this.view(r, 1);
  }

  fill(a) {
    this.form.reset();
    for (const id in a) for (const v of [].concat(a[id])) this.step(id).querySelector(`[value="${v}"]`).checked = true;
  }

  // Go to step n (1-based) as the address fragment says, or as far as the answers allow;
  // a number out of range goes to the first question.
  follow() {
    if (location.pathname != this.path) return;
    const ids = this.visible();
    const a = this.answers();
    const first = ids.findIndex((id) => !a[id]);
    let n = (STEP.exec(location.hash) || [0, 1])[1] - 1;
    if (!(n >= 0 && n <= ids.length + 1)) n = 0;
    if (first >= 0) this.show(Math.min(n, first));
    else if (n == ids.length) this.showReview();
    else if (n > ids.length || location.hash.startsWith("#code=")) this.summary();
    else this.show(n);
  }

  changed(input) {
    const s = input.closest(".pd-step");
    // Ticking an exclusive box ("none", "not sure") clears the others, and another clears it.
    if (input.checked && input.type == "checkbox") {
      for (const box of s.querySelectorAll(":checked")) {
        if (box != input && ("exclusive" in input.dataset || "exclusive" in box.dataset)) box.checked = false;
      }
    }
    kept[this.rules.id] = this.answers();
    this.error(s);
    this.view(s);
  }

  error(s, on) {
    const message = s.querySelector(".pd-error");
    const set = s.querySelector("fieldset");
    const ids = [set.dataset.hint, on && message.id].filter(Boolean).join(" ");
    if (ids) set.setAttribute("aria-describedby", ids);
    else set.removeAttribute("aria-describedby");
    message.hidden = !on;
  }

  submit(e) {
    e.preventDefault();
    const ids = this.visible();
    const a = this.answers();
    const s = this.step(ids[this.at]);
    this.notice.hidden = true;
    if (!s) {
      this.record(ids.length + 2);
      return this.summary();
    }
    if (!a[ids[this.at]]) {
      this.error(s, 1);
      s.querySelector("input").focus({ preventScroll: true });
      s.scrollIntoView();
      s.querySelector(".pd-error").scrollIntoView({ block: "nearest" });
      return;
    }
    // After a Change link, back to "Check your answers" once every question is answered.
    const n = this.changing && ids.every((id) => a[id]) ? ids.length : this.at + 1;
    this.record(n + 1);
    if (n < ids.length) this.show(n);
    else this.showReview();
  }

  act(action) {
    if (action == "print") print();
    if (action == "restart") {
      this.restart();
      this.record(1);
      this.show(0);
    }
    if (action == "change") {
      this.record(this.visible().length + 1);
      this.showReview();
    }
  }

  // Also called when the browser restores this page from its back/forward cache.
  restart() {
    this.form.reset();
    delete kept[this.rules.id];
    this.show(0, 0);
  }
}

const mounted = (f) => document.querySelectorAll("[data-criteria-checker][data-ready]").forEach((r) => f(r.check));
const mountAll = () => {
  // One self-check per page, as the build makes it: anything else is not ours to run, and
  // gives its place back to the fallback (checker.css shows the form until told otherwise).
  const roots = document.querySelectorAll("[data-criteria-checker]");
  if (roots.length == 1 && !roots[0].check) new SelfCheck(roots[0]);
  const off = [...roots].filter((root) => !root.check);
  for (const root of off) root.dataset.off = "";
  if (off.length) document.querySelectorAll("[data-checker-fallback]").forEach((f) => (f.dataset.on = ""));
};

addEventListener("popstate", () => mounted((c) => c.follow()));
// A page restored from the back/forward cache must not show the previous answers.
addEventListener("pageshow", (e) => e.persisted && mounted((c) => c.restart()));

if (window.document$) document$.subscribe(mountAll);
else if (document.readyState == "loading") document.addEventListener("DOMContentLoaded", mountAll);
else mountAll();
