// The self-check: runs the criteria rules in the reader's browser. Answers live in this
// page's memory only: nothing is sent, stored or kept after a reload.
// The rule functions mirror hooks/criteria.py exactly; tests compare both on every answer path.

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

// A factor's card is copied from the factor list on the page, so the links in it are the
// ones MkDocs resolved and checked; ids are dropped to keep them unique.
const card = (list, id) => {
  const copy = list.querySelector(`[data-factor="${id}"]`).cloneNode(true);
  copy.querySelectorAll(".headerlink").forEach((a) => a.remove());
  copy.querySelectorAll("[id]").forEach((el) => el.removeAttribute("id"));
  copy.querySelectorAll("h4").forEach((h) => {
    const sub = document.createElement("h5");
    sub.append(...h.childNodes);
    h.replaceWith(sub);
  });
  return copy;
};

const mount = (root) => {
  root.dataset.ready = "";
  const rules = JSON.parse(root.dataset.rules);
  const list = document.getElementById(`pd-factors-${rules.id}`);
  const form = root.querySelector("form");
  const result = root.querySelector(".pd-result");
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
  let current = 0;

  const label = () => {
    const last = current === visibleQuestions(rules, answers()).length - 1;
    next.textContent = last ? next.dataset.last : next.dataset.next;
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
    const id = visibleQuestions(rules, answers())[index];
    current = index;
    for (const s of steps) s.hidden = s.dataset.question !== id;
    root.querySelector("[data-step-number]").textContent = index + 1;
    back.hidden = index === 0;
    label();
    result.hidden = true;
    form.hidden = false;
    if (focus) step(id).querySelector("fieldset").focus();
  };
  const summary = () => {
    const given = answers();
    const found = new Set(evaluate(rules, given));
    for (const group of result.querySelectorAll("[data-kind]")) {
      const slot = group.querySelector("[data-slot]");
      const ids = rules.factors.filter((f) => f.kind === group.dataset.kind && found.has(f.id));
      slot.replaceChildren(...ids.map((f) => card(list, f.id)));
      group.hidden = !ids.length;
    }
    const dl = result.querySelector("[data-answers]");
    dl.replaceChildren();
    for (const id of visibleQuestions(rules, given)) {
      const s = step(id);
      const dt = document.createElement("dt");
      const dd = document.createElement("dd");
      dt.textContent = s.querySelector("legend").textContent;
      dd.textContent = s.querySelector("input:checked + label").textContent;
      dl.append(dt, dd);
    }
    form.hidden = true;
    result.hidden = false;
    result.querySelector("h3").focus();
  };

  form.addEventListener("change", (event) => {
    error(event.target.closest(".pd-step"), false);
    label();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const s = step(visibleQuestions(rules, answers())[current]);
    if (!s.querySelector("input:checked")) {
      error(s, true);
      s.querySelector("input").focus();
    } else if (current + 1 < visibleQuestions(rules, answers()).length) show(current + 1);
    else summary();
  });
  back.addEventListener("click", () => show(current - 1));
  result.addEventListener("click", (event) => {
    const action = event.target.closest("[data-action]")?.dataset.action;
    if (action === "restart") form.reset();
    if (action === "change" || action === "restart") show(0);
    if (action === "print") window.print();
  });

  // Called again when the browser restores this page from its back/forward cache.
  root.restart = () => {
    form.reset();
    show(0, false);
  };
  root.restart();
  const fallback = root.previousElementSibling;
  if (fallback?.hasAttribute("data-checker-fallback")) fallback.hidden = true;
  root.hidden = false;
};

const mountAll = () =>
  document.querySelectorAll("[data-criteria-checker]:not([data-ready])").forEach(mount);

// A page restored from the back/forward cache must not show the previous answers.
window.addEventListener("pageshow", (event) => {
  if (event.persisted) document.querySelectorAll("[data-criteria-checker][data-ready]").forEach((r) => r.restart());
});

if (window.document$) window.document$.subscribe(mountAll);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
else mountAll();
