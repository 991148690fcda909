// The self-check: runs the criteria rules in the reader's browser. Answers live in this
// page's memory only: nothing is sent, stored or kept after a reload.
// The rule functions mirror hooks/criteria.py and the answer code hooks/answercode.py
// exactly; tests compare both on every answer path.

export const matches = (rule, answers) => {
  const [key, value] = Object.entries(rule)[0];
  if (key === "always") return true;
  if (key === "all") return value.every((r) => matches(r, answers));
  if (key === "any") return value.some((r) => matches(r, answers));
  if (key === "not") return !matches(value, answers);
  return value.includes(answers[key]);
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

// Crockford's base 32; each question asked is one mixed-radix digit, the first the lowest.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export const encode = (rules, answers) => {
  let value = 0;
  let weight = 1;
  let text = "";
  const ids = visibleQuestions(rules, answers);
  for (const q of rules.questions.filter((q) => ids.includes(q.id))) {
    value += q.options.indexOf(answers[q.id]) * weight;
    weight *= q.options.length;
  }
  for (let i = 0; i < rules.code.digits; i++) {
    text = ALPHABET[value % 32] + text;
    value = Math.floor(value / 32);
  }
  return `PD-${text}-${rules.code.version}`;
};

export const decode = (rules, code) => {
  const text = code.toUpperCase().replace(/[\s-]/g, "").replace(/^PD/, "")
    .replace(/O/g, "0").replace(/[IL]/g, "1");
  if (text.length < 3 || [...text].some((c) => !ALPHABET.includes(c))) return ["invalid", {}];
  if (text.slice(-2) !== rules.code.version) return ["old", {}];
  if (text.length !== rules.code.digits + 2) return ["invalid", {}];
  let value = [...text.slice(0, -2)].reduce((n, c) => n * 32 + ALPHABET.indexOf(c), 0);
  const answers = {};
  for (const q of rules.questions) {
    if (!shown(q, answers)) continue;
    answers[q.id] = q.options[value % q.options.length];
    value = Math.floor(value / q.options.length);
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

// The answers of each self-check, kept in this page's memory (never stored) so that a reader
// who follows a link in the summary, or steps back, finds them again. A reload clears them.
const kept = {};
// History entries carry the step number only (in the address fragment): the phone's Back
// button then steps back through the questions.
const STEP = /^#pd-step-(\d+)$/;

const mount = (root) => {
  root.dataset.ready = "";
  const rules = JSON.parse(root.dataset.rules);
  const list = document.getElementById(`pd-factors-${rules.id}`);
  const form = root.querySelector("form");
  const result = root.querySelector(".pd-result");
  const notice = root.querySelector("[data-code-message]");
  const next = form.querySelector("[type=submit]");
  const back = form.querySelector("[data-action=back]");
  const steps = [...root.querySelectorAll(".pd-step")];
  const step = (id) => steps.find((s) => s.dataset.question === id);
  const answers = () => {
    const chosen = {};
    for (const s of steps) {
      const input = s.querySelector("input:checked");
      if (input) chosen[s.dataset.question] = input.value;
    }
    return chosen;
  };
  const visible = () => visibleQuestions(rules, answers());
  const path = location.pathname;
  let current = 0;

  const record = (n) => history.pushState({}, "", `#pd-step-${n}`);
  const label = () => {
    const ids = visible();
    // The total is known once every question that decides what else is asked is answered.
    const known = ids.every((id) => !rules.gates.includes(id) || answers()[id]);
    // Plain concatenation: the build's minifier (rjsmin) reads nested template literals wrong.
    step(ids[current]).querySelector("[data-count]").textContent =
      current + 1 + (known ? " " + root.dataset.of + " " + ids.length : "");
    next.textContent = current === ids.length - 1 ? next.dataset.last : next.dataset.next;
  };
  const error = (s, on) => {
    const message = s.querySelector(".pd-error");
    const set = s.querySelector("fieldset");
    const ids = (set.getAttribute("aria-describedby") || "").split(" ").filter((i) => i && i !== message.id);
    if (on) ids.push(message.id);
    set.setAttribute("aria-describedby", ids.join(" "));
    if (!ids.length) set.removeAttribute("aria-describedby");
    message.hidden = !on;
  };
  const show = (index, focus = true) => {
    const id = visible()[index];
    current = index;
    for (const s of steps) s.hidden = s.dataset.question !== id;
    back.hidden = index === 0;
    label();
    result.hidden = true;
    form.hidden = false;
    if (focus) {
      step(id).querySelector("fieldset").focus({ preventScroll: true });
      step(id).scrollIntoView();
    }
  };
  const summary = (focus = true) => {
    const given = answers();
    const found = new Set(evaluate(rules, given));
    for (const group of result.querySelectorAll("[data-kind]")) {
      const slot = group.querySelector("[data-slot]");
      const ids = rules.factors.filter((f) => f.kind === group.dataset.kind && found.has(f.id));
      const call = group.dataset.kind === "urgent" && result.querySelector("[data-call]");
      slot.replaceChildren(...ids.map((f) => card(list, f.id, call)));
      group.hidden = !ids.length;
    }
    const dl = result.querySelector("[data-answers]");
    dl.replaceChildren();
    for (const id of visibleQuestions(rules, given)) {
      const s = step(id);
      const dt = document.createElement("dt");
      const dd = document.createElement("dd");
      dt.textContent = s.querySelector(".pd-q").textContent;
      dd.textContent = s.querySelector("input:checked + span").textContent;
      dl.append(dt, dd);
    }
    result.querySelector("[data-code]").textContent = encode(rules, given);
    result.querySelector("[data-printed]").textContent = new Date().toLocaleDateString(document.documentElement.lang);
    kept[rules.id] = given;
    form.hidden = true;
    result.hidden = false;
    if (focus) {
      result.querySelector("h3").focus({ preventScroll: true });
      result.querySelector("h3").scrollIntoView();
    }
  };
  const fill = (given) => {
    form.reset();
    for (const [id, value] of Object.entries(given)) step(id).querySelector(`[value="${value}"]`).checked = true;
  };
  // Go to step n (1-based) as the address fragment says, or as far as the answers allow.
  root.follow = () => {
    if (location.pathname !== path) return;
    const ids = visible();
    const first = ids.findIndex((id) => !answers()[id]);
    const wanted = Number((STEP.exec(location.hash) || [0, 1])[1]) - 1;
    const last = first < 0 ? ids.length : first;
    if (wanted >= ids.length && first < 0) summary();
    else show(Math.min(wanted, last));
  };

  form.addEventListener("change", (event) => {
    kept[rules.id] = answers();
    error(event.target.closest(".pd-step"), false);
    label();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const s = step(visible()[current]);
    notice.hidden = true;
    if (!s.querySelector("input:checked")) {
      error(s, true);
      s.querySelector("input").focus({ preventScroll: true });
      s.scrollIntoView();
      s.querySelector(".pd-error").scrollIntoView({ block: "nearest" });
      return;
    }
    record(current + 2);
    if (current + 1 < visible().length) show(current + 1);
    else summary();
  });
  back.addEventListener("click", () => (STEP.test(location.hash) ? history.back() : show(current - 1)));
  result.addEventListener("click", (event) => {
    const action = event.target.closest("[data-action]")?.dataset.action;
    if (action === "restart") {
      form.reset();
      delete kept[rules.id];
    }
    if (action === "change" || action === "restart") {
      record(1);
      show(0);
    }
    if (action === "print") window.print();
  });

  // Called again when the browser restores this page from its back/forward cache.
  root.restart = () => {
    form.reset();
    delete kept[rules.id];
    show(0, false);
  };
  const code = /^#code=(.+)$/.exec(location.hash);
  const [status, decoded] = code ? decode(rules, decodeURIComponent(code[1])) : [""];
  const given = code ? status === "ok" && decoded : kept[rules.id];
  if (!given) root.restart();
  else {
    fill(given);
    // A code opens its summary; answers kept in memory return to the step in the address.
    if (code) summary(false);
    else root.follow();
  }
  if (status && status !== "ok") {
    notice.textContent = status === "old" ? notice.dataset.codeMessage : notice.dataset.invalid;
    notice.hidden = false;
  }
  const fallback = root.previousElementSibling;
  if (fallback?.hasAttribute("data-checker-fallback")) fallback.hidden = true;
  root.hidden = false;
  if (status && status !== "ok") notice.focus();
};

const mountAll = () =>
  document.querySelectorAll("[data-criteria-checker]:not([data-ready])").forEach(mount);

addEventListener("popstate", () => document.querySelectorAll("[data-criteria-checker][data-ready]").forEach((r) => r.follow()));

// A page restored from the back/forward cache must not show the previous answers.
window.addEventListener("pageshow", (event) => {
  if (event.persisted) document.querySelectorAll("[data-criteria-checker][data-ready]").forEach((r) => r.restart());
});

if (window.document$) window.document$.subscribe(mountAll);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
else mountAll();
