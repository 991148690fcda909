// The self-check: runs the criteria rules in the reader's browser. Answers live in this
// page's memory only: nothing is sent, stored or kept after a reload.
// The rule functions mirror hooks/criteria.py and the answer code hooks/answercode.py
// exactly; tests compare both (tests/browser/test_checker.py).

// A multiple question's answer is the list of its ticked options: any of them may match.
export const matches = (rule, answers) => {
  const [key, value] = Object.entries(rule)[0];
  if (key === "always") return true;
  if (key === "all") return value.every((r) => matches(r, answers));
  if (key === "any") return value.some((r) => matches(r, answers));
  if (key === "not") return !matches(value, answers);
  return [].concat(answers[key]).some((a) => value.includes(a));
};

const shown = (question, answers) => !question.showIf || matches(question.showIf, answers);

export const effectiveAnswers = (rules, answers) => {
  const kept = {};
  for (const q of rules.questions) if (shown(q, kept) && answers[q.id]) kept[q.id] = answers[q.id];
  return kept;
};

export const visibleQuestions = (rules, answers) => {
  const kept = effectiveAnswers(rules, answers);
  return rules.questions.filter((q) => shown(q, kept)).map((q) => q.id);
};

export const evaluate = (rules, answers) => {
  const kept = effectiveAnswers(rules, answers);
  return rules.factors.filter((f) => matches(f.when, kept)).map((f) => f.id);
};

// Answer code v2: each question asked is one mixed-radix digit, the first the lowest (a
// multiple question's digit is the bit mask of its boxes), in Crockford's base 32, then the
// version and a Damm check character (x * y = 2x + y in GF(32)), so typos and swaps show.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const radix = (q) => (q.multiple ? 2 ** q.options.length : q.options.length);
const damm = (text) =>
  [...text, "0"].reduce((n, c) => ((n << 1) ^ (n & 16 ? 37 : 0) ^ ALPHABET.indexOf(c)), 0);

export const encode = (rules, answers) => {
  let value = 0;
  let weight = 1;
  let text = rules.code.version;
  const ids = visibleQuestions(rules, answers);
  for (const q of rules.questions.filter((q) => ids.includes(q.id))) {
    const a = answers[q.id];
    value += (q.multiple ? a.reduce((m, o) => m + 2 ** q.options.indexOf(o), 0) : q.options.indexOf(a)) * weight;
    weight *= radix(q);
  }
  for (let i = 0; i < rules.code.digits; i++) {
    text = ALPHABET[value % 32] + text;
    value = Math.floor(value / 32);
  }
  return "PD-" + text.slice(0, -2) + "-" + text.slice(-2) + ALPHABET[damm(text)];
};

export const decode = (rules, code) => {
  const text = String(code).toUpperCase().replace(/[\s-]/g, "").replace(/^PD/, "")
    .replace(/O/g, "0").replace(/[IL]/g, "1");
  const bad = [...text].some((c) => !ALPHABET.includes(c));
  // Version 1 codes (four digits and two of version) had no check character.
  if (text.length === 6 && !bad) return ["old", {}];
  if (bad || text.length < 8 || text.length > 13 || damm(text)) return ["invalid", {}];
  if (text.slice(-3, -1) !== rules.code.version) return ["old", {}];
  if (text.length !== rules.code.digits + 3) return ["invalid", {}];
  let value = [...text.slice(0, -3)].reduce((n, c) => n * 32 + ALPHABET.indexOf(c), 0);
  const answers = {};
  for (const q of rules.questions) {
    if (!shown(q, answers)) continue;
    const digit = value % radix(q);
    let a = q.options[digit];
    value = Math.floor(value / radix(q));
    if (q.multiple) {
      a = q.options.filter((o, i) => Math.floor(digit / 2 ** i) % 2);
      // No box, or an exclusive box ("none") with another: nobody can tick that.
      if (!a[0] || (a[1] && a.some((o) => q.multiple.includes(o)))) return ["invalid", {}];
    }
    answers[q.id] = a;
  }
  return value ? ["invalid", {}] : ["ok", answers];
};

// A factor's card is copied from the factor list on the page, so the links in it are the
// ones MkDocs resolved and checked; ids are dropped to keep them unique.
const card = (list, id, call) => {
  const copy = list.querySelector(`[data-factor="${id}"]`).cloneNode(true);
  copy.querySelectorAll(".headerlink").forEach((a) => a.remove());
  copy.querySelectorAll("[id]").forEach((el) => el.removeAttribute("id"));
  copy.querySelectorAll("h4").forEach((h) => {
    const sub = document.createElement("h5");
    sub.append(...h.childNodes);
    h.replaceWith(sub);
  });
  if (call) copy.append(call.content.cloneNode(true));
  return copy;
};

const make = (tag, text) => {
  const el = document.createElement(tag);
  el.textContent = text;
  return el;
};

// The address fragment comes from anyone: a malformed code is a code that is not valid.
const readCode = (hash) => {
  const code = /^#code=(.*)$/s.exec(hash);
  try {
    return code && decodeURIComponent(code[1]);
  } catch {
    return "%";
  }
};

// The answers of each self-check, kept in this page's memory (never stored) so that a reader
// who follows a link in the summary, or steps back, finds them again. A reload clears them.
const kept = {};
// History entries carry the step number only (in the address fragment): the phone's Back
// button then steps back through the questions, "Check your answers" and the summary.
const STEP = /^#pd-step-(\d+)$/;

class SelfCheck {
  constructor(root) {
    let rules;
    const $ = (s) => root.querySelector(s);
    try {
      rules = JSON.parse(root.dataset.rules);
      this.cards = document.getElementById("pd-factors-" + rules.id);
      this.result = $(".pd-result");
      // Only the build's own element: its id names its rules, and its factor list is here.
      if (root.id !== "pd-checker-" + rules.id || !this.cards || !this.result || !rules.code.digits) return;
    } catch {
      return; // the no-JavaScript fallback stays on screen
    }
    Object.assign(this, {
      root,
      rules,
      form: $("form"),
      review: $(".pd-review"),
      notice: $("[data-code-message]"),
      next: $("[type=submit]"),
      back: $("[data-action=back]"),
      steps: [...root.querySelectorAll(".pd-step")],
      path: location.pathname,
      current: 0,
    });
    root.dataset.ready = "";
    root.selfCheck = this;
    this.form.addEventListener("change", (e) => this.changed(e.target));
    this.form.addEventListener("submit", (e) => this.submit(e));
    this.form.addEventListener("click", (e) => {
      const link = e.target.closest("[data-step]");
      if (!link) return;
      // Material's instant navigation would load the page again for the new fragment.
      e.preventDefault();
      e.stopPropagation();
      this.changing = true;
      this.record(+link.dataset.step + 1);
      this.show(+link.dataset.step);
    });
    this.back.addEventListener("click", () => (STEP.test(location.hash) ? history.back() : this.show(this.current - 1)));
    this.result.addEventListener("click", (e) => this.act(e.target.closest("[data-action]")?.dataset.action));
    this.start();
  }

  start() {
    const code = readCode(location.hash);
    const [status, decoded] = code == null ? [] : decode(this.rules, code);
    const given = code == null ? kept[this.rules.id] : status === "ok" && decoded;
    const fallback = this.root.previousElementSibling;
    if (fallback?.hasAttribute("data-checker-fallback")) fallback.hidden = true;
    this.root.hidden = false;
    if (!given) this.restart();
    else {
      this.fill(given);
      // A code opens its summary; answers kept in memory return to the step in the address.
      if (code == null) this.follow();
      else this.summary();
    }
    const message = status && status !== "ok" ? (status === "old" ? "codeMessage" : "invalid")
      : location.hash === "#pd-restarted" && "restarted";
    if (message) {
      this.notice.textContent = this.notice.dataset[message];
      this.notice.hidden = false;
      this.notice.focus();
    }
  }

  step(id) {
    return this.steps.find((s) => s.dataset.question === id);
  }

  answers() {
    const chosen = {};
    for (const s of this.steps) {
      const ticked = [...s.querySelectorAll("input:checked")].map((i) => i.value);
      if (ticked[0]) chosen[s.dataset.question] = s.querySelector("[type=checkbox]") ? ticked : ticked[0];
    }
    return chosen;
  }

  visible() {
    return visibleQuestions(this.rules, this.answers());
  }

  record(n) {
    history.pushState({}, "", "#pd-step-" + n);
  }

  view(show, focus) {
    // show: a question's step, the review or the summary; focus moves to its heading.
    for (const s of this.steps) s.hidden = s !== show;
    this.review.hidden = show !== this.review;
    this.result.hidden = show !== this.result;
    this.form.hidden = show === this.result;
    this.back.hidden = show === this.step(this.visible()[0]);
    if (focus) {
      const target = show.querySelector("h3, fieldset");
      target.focus({ preventScroll: true });
      (show === this.result ? target : show).scrollIntoView();
    }
  }

  label() {
    const ids = this.visible();
    const given = this.answers();
    // The total is known once every question that decides what else is asked is answered.
    const known = ids.every((id) => !this.rules.gates.includes(id) || given[id]);
    const count = this.step(ids[this.current])?.querySelector("[data-count]");
    // Plain concatenation: the build's minifier (rjsmin) reads nested template literals wrong.
    if (count) count.textContent = this.current + 1 + (known ? " " + this.root.dataset.of + " " + ids.length : "");
    this.next.textContent = this.next.dataset[this.current < ids.length ? "next" : "last"];
  }

  error(s, on) {
    const message = s.querySelector(".pd-error");
    const set = s.querySelector("fieldset");
    const ids = (set.getAttribute("aria-describedby") || "").split(" ").filter((i) => i && i !== message.id);
    if (on) ids.push(message.id);
    set.setAttribute("aria-describedby", ids.join(" "));
    if (!ids.length) set.removeAttribute("aria-describedby");
    message.hidden = !on;
  }

  show(index, focus = true) {
    this.current = index;
    this.view(this.step(this.visible()[index]), focus);
    this.label();
  }

  // The questions and answers as a list; with Change links for "Check your answers".
  list(dl, links) {
    dl.replaceChildren();
    this.visible().forEach((id, n) => {
      const s = this.step(id);
      const row = make("div");
      const question = make("dt", s.querySelector(".pd-q").textContent);
      const answer = make("dd");
      answer.append(...[...s.querySelectorAll("input:checked + span")].map((a) => make("span", a.textContent)));
      row.append(question, answer);
      if (links) {
        const a = make("a", dl.dataset.change);
        a.href = "#pd-step-" + (n + 1);
        a.dataset.step = n;
        a.append(make("span", " " + question.textContent));
        a.lastChild.className = "pd-vh";
        row.append(make("dd"));
        row.lastChild.append(a);
      }
      dl.append(row);
    });
  }

  showReview(focus = true) {
    this.current = this.visible().length;
    this.changing = false;
    this.list(this.review.querySelector("dl"), true);
    this.view(this.review, focus);
    this.label();
  }

  summary(focus = true) {
    const given = this.answers();
    const found = new Set(evaluate(this.rules, given));
    for (const group of this.result.querySelectorAll("[data-kind]")) {
      const slot = group.querySelector("[data-slot]");
      const ids = this.rules.factors.filter((f) => f.kind === group.dataset.kind && found.has(f.id));
      const call = group.dataset.kind === "urgent" && this.result.querySelector("[data-call]");
      slot.replaceChildren(...ids.map((f) => card(this.cards, f.id, call)));
      group.hidden = !ids.length;
    }
    this.list(this.result.querySelector("[data-answers]"));
    this.result.querySelector("[data-code]").textContent = encode(this.rules, given);
    this.result.querySelector("[data-printed]").textContent = new Date().toLocaleDateString(document.documentElement.lang);
    kept[this.rules.id] = given;
    this.view(this.result, focus);
  }

  fill(given) {
    this.form.reset();
    for (const [id, value] of Object.entries(given)) {
      for (const v of [].concat(value)) this.step(id).querySelector(`[value="${v}"]`).checked = true;
    }
  }

  // Go to step n (1-based) as the address fragment says, or as far as the answers allow;
  // a number out of range goes to the first question.
  follow() {
    if (location.pathname !== this.path) return;
    const ids = this.visible();
    const given = this.answers();
    const first = ids.findIndex((id) => !given[id]);
    const step = STEP.exec(location.hash);
    let wanted = step ? step[1] - 1 : 0;
    if (!(wanted >= 0 && wanted <= ids.length + 1)) wanted = 0;
    if (first >= 0) this.show(Math.min(wanted, first));
    else if (wanted === ids.length) this.showReview();
    else if (wanted > ids.length || /^#code=/.test(location.hash)) this.summary();
    else this.show(wanted);
  }

  changed(input) {
    const s = input.closest(".pd-step");
    // Ticking "none" (an exclusive box) clears the others, and ticking another clears it.
    if (input.type === "checkbox" && input.checked) {
      for (const box of s.querySelectorAll("input:checked")) {
        if (box !== input && ("exclusive" in input.dataset || "exclusive" in box.dataset)) box.checked = false;
      }
    }
    kept[this.rules.id] = this.answers();
    this.error(s, false);
    this.label();
  }

  submit(event) {
    event.preventDefault();
    const ids = this.visible();
    this.notice.hidden = true;
    if (this.current >= ids.length) {
      this.record(ids.length + 2);
      return this.summary();
    }
    const s = this.step(ids[this.current]);
    if (!s.querySelector("input:checked")) {
      this.error(s, true);
      s.querySelector("input").focus({ preventScroll: true });
      s.scrollIntoView();
      s.querySelector(".pd-error").scrollIntoView({ block: "nearest" });
      return;
    }
    const given = this.answers();
    const next = this.changing && ids.every((id) => given[id]) ? ids.length : this.current + 1;
    this.record(next + 1);
    if (next < ids.length) this.show(next);
    else this.showReview();
  }

  act(action) {
    if (action === "restart") this.restart();
    if (action === "restart" || action === "change") {
      this.record(action === "change" ? this.visible().length + 1 : 1);
      if (action === "change") this.showReview();
      else this.show(0);
    }
    if (action === "print") window.print();
  }

  // Also called when the browser restores this page from its back/forward cache.
  restart() {
    this.form.reset();
    delete kept[this.rules.id];
    this.show(0, false);
  }
}

const roots = (ready) => document.querySelectorAll("[data-criteria-checker]" + (ready ? "[data-ready]" : ""));
const mountAll = () => {
  // One self-check per page, as the build makes it: anything else is not ours to run.
  const [root, other] = roots();
  if (root && !other && !("ready" in root.dataset)) new SelfCheck(root);
};

addEventListener("popstate", () => roots(true).forEach((r) => r.selfCheck.follow()));

// A page restored from the back/forward cache must not show the previous answers.
addEventListener("pageshow", (event) => {
  if (event.persisted) roots(true).forEach((r) => r.selfCheck.restart());
});

if (window.document$) window.document$.subscribe(mountAll);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
else mountAll();
