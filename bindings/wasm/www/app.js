// The scamsift checker page. Everything runs here, in the browser: the classifier is the WebAssembly
// module in ./pkg (built by ../build.sh); no text ever leaves the page.
//
// Safety: user text only ever reaches the DOM through textContent / createTextNode, never innerHTML.
// Spans: hits carry UTF-16 indices (JavaScript string indices), so text.slice(start, end) === hit.text
// even with Chinese, Thai and emoji.

import init, { Classifier, version } from "./pkg/scamsift_wasm.js";
import { EXAMPLES } from "./examples.js";

performance.mark("scamsift:script");

const DEBOUNCE_MS = 150;
const $ = (id) => document.getElementById(id);

const FAMILY_TEXT = {
  recruitment_lure: {
    name: "Recruitment lure",
    what: "a fake job offer used to lure people abroad or into paying or handing over documents",
    advice: "Do not pay any fee, do not send your passport or ID, and verify the employer through an official channel before you travel.",
  },
  task_scam: {
    name: "Task scam",
    what: "a 'paid task' scheme (liking, rating, 'optimising' orders) where you end up paying deposits you never get back",
    advice: "Real jobs do not ask you to top up or prepay to unlock tasks or withdraw earnings.",
  },
  pig_butchering: {
    name: "Pig-butchering (investment romance) scam",
    what: "a stranger who builds trust in chat and then steers you to a fake crypto or trading platform",
    advice: "Do not deposit money on a platform a chat contact recommends, and never pay a 'tax' or 'fee' to withdraw.",
  },
};

const humanize = (id) => {
  if (id === "*") return "all families";
  const s = id.replace(/[_.]+/g, " ").trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
};
const cap = (s) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);
const familyName = (id) => FAMILY_TEXT[id]?.name ?? humanize(id);
const pct = (x) => `${Math.round(x * 100)}%`;

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") node.className = v;
    else if (k === "dataset") Object.assign(node.dataset, v);
    else if (k in node && k !== "role") node[k] = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

let classifier = null;
let timer = 0;

// ---------------------------------------------------------------- rendering

function summaryFor(v, text) {
  if (!text.trim()) return "Paste a job ad or a chat message above to check it.";
  const fam = v.family ? FAMILY_TEXT[v.family] : null;
  const counters = v.hits.filter((h) => h.counter).length;
  if (v.verdict === "scam") {
    return `This looks like a ${fam ? fam.name.toLowerCase() : humanize(v.family ?? "scam")}: ` +
      `several independent warning signs were found${fam ? `, typical of ${fam.what}` : ""}. ` +
      (fam ? fam.advice : "Do not send money or documents.");
  }
  if (v.verdict === "suspicious") {
    return `Some warning signs of a ${fam ? fam.name.toLowerCase() : humanize(v.family ?? "scam")} were found, ` +
      "but not enough to be sure. Check who is behind it through an official channel before you reply, pay or travel." +
      (counters ? " The text also has features of a genuine ad or a warning, which lowered the risk." : "");
  }
  if (v.hits.length === 0) {
    return "No warning signs were found. That is not a guarantee: scammers keep changing their wording.";
  }
  return (counters
    ? "No strong warning signs: the text reads like a genuine ad, a warning or news."
    : "Only weak signals were found, not enough to call it suspicious.") +
    " That is not a guarantee: scammers keep changing their wording.";
}

// Sizes go through the CSSOM: the page's CSP forbids inline style attributes.
function fill(level, risk) {
  const f = el("span", { class: `fill ${level}` });
  f.style.width = `${(risk * 100).toFixed(1)}%`;
  return f;
}

function renderFamilies(v) {
  const list = $("families");
  list.replaceChildren();
  const entries = Object.entries(v.families).sort((a, b) => b[1] - a[1]);
  for (const [fam, risk] of entries) {
    const id = `fam-${fam.replace(/[^a-z0-9_-]/gi, "")}`;
    const level = classifier.band(risk);
    list.append(
      el("li", {},
        el("span", { class: "fam-name", id }, familyName(fam)),
        el("span", {
          class: "bar",
          role: "meter",
          "aria-labelledby": id,
          "aria-valuemin": "0",
          "aria-valuemax": "100",
          "aria-valuenow": String(Math.round(risk * 100)),
          "aria-valuetext": pct(risk),
        }, fill(level, risk)),
        el("span", { class: "fam-risk" }, pct(risk)),
      ),
    );
  }
  $("families-box").hidden = entries.length === 0;
}

/** Splits the text at every hit boundary; each piece covered by hits becomes a <mark>. Overlapping
 *  hits are fine: a piece lists every hit that covers it. Indices are UTF-16, like the hits'. */
function renderMarked(text, hits) {
  const box = $("marked");
  box.replaceChildren();
  const cuts = new Set([0, text.length]);
  for (const h of hits) { cuts.add(h.start); cuts.add(h.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const frag = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const covering = hits.filter((h) => h.start <= a && h.end >= b);
    if (covering.length === 0) { frag.append(document.createTextNode(piece)); continue; }
    const allCounter = covering.every((h) => h.counter);
    const anyCounter = covering.some((h) => h.counter);
    const cls = allCounter ? "hl counter" : anyCounter ? "hl mixed" : "hl";
    const tip = covering.map((h) => `${h.counter ? "Counter-evidence" : "Warning sign"} · ${humanize(h.category)}: ${cap(h.why || h.what || h.rule)}`).join("\n");
    frag.append(el("mark", {
      class: cls,
      tabIndex: 0,
      dataset: { start: String(a), end: String(b), tip, rules: covering.map((h) => h.rule).join(" ") },
    }, piece));
  }
  box.append(frag);
}

function reasonItem(h, i) {
  return el("li", { dataset: { rule: h.rule } },
    el("span", { class: "reason-head" },
      el("span", { class: "cat" }, humanize(h.category)),
      " ",
      el("q", { class: "quote" }, h.text),
      " ",
      el("span", { class: "weight", title: "evidence points" }, `${h.weight > 0 ? "+" : ""}${h.weight}`),
    ),
    el("span", { class: "why" }, cap(h.why || h.what)),
    el("span", { class: "rule-id" }, `rule ${h.rule}${i > 1 ? ` · ${i} occurrences` : ""}`),
  );
}

function renderReasons(v) {
  // One line per rule (the first occurrence), in text order.
  const seen = new Map();
  for (const h of v.hits) {
    const s = seen.get(h.rule);
    if (s) s.n++; else seen.set(h.rule, { h, n: 1 });
  }
  const pos = [...seen.values()].filter((s) => !s.h.counter);
  const neg = [...seen.values()].filter((s) => s.h.counter);
  $("reasons").replaceChildren(...pos.map((s) => reasonItem(s.h, s.n)));
  $("counter").replaceChildren(...neg.map((s) => reasonItem(s.h, s.n)));
  $("reasons-box").hidden = pos.length === 0;
  $("counter-box").hidden = neg.length === 0;
  $("combos").replaceChildren(...v.combinations.map((c) => el("li", {},
    el("span", { class: "reason-head" },
      el("span", { class: "cat" }, humanize(c.id.split(".").pop())),
      " ",
      el("span", { class: "weight" }, `+${c.weight} · ${familyName(c.family)}`)),
    el("span", { class: "why" }, cap(c.description) || humanize(c.id)),
    el("span", { class: "rule-id" }, `combination ${c.id}`))));
  $("combos-box").hidden = v.combinations.length === 0;
}

/** The entities in plain words: where the text asks you to go, what it promises, where it wants money. */
const ENTITY_TEXT = {
  contact: (e) => e.contact === "url"
    ? `It sends you to a link: ${e.description.replace(/^link /, "")}`
    : e.contact === "phone" || e.contact === "email"
      ? `It asks you to contact ${e.description}`
      : `It asks you to move to ${e.description}`,
  money: (e) => `It mentions an amount: ${e.description}`,
  return: (e) => `It promises ${e.description}`,
  wallet: (e) => `It gives ${e.description} — money sent there cannot be recovered`,
};

function renderEntities(v) {
  const items = v.entities.map((e) => el("li", { dataset: { kind: e.kind } },
    el("span", { class: "why" }, (ENTITY_TEXT[e.kind] ?? ((x) => x.description))(e)),
    el("span", { class: "rule-id" }, e.kind)));
  $("entities").replaceChildren(...items);
  $("entities-box").hidden = items.length === 0;
}

function render() {
  if (!classifier) return;
  const text = $("text").value;
  const t0 = performance.now();
  const v = classifier.classify(text);
  const t1 = performance.now();

  const badge = $("verdict");
  badge.textContent = text.trim() ? v.verdict.toUpperCase() : "–";
  badge.className = `badge ${text.trim() ? v.verdict : ""}`;
  $("score").textContent = text.trim() && v.family ? `${familyName(v.family)} · risk ${pct(v.score)}` : "";
  $("summary").textContent = summaryFor(v, text);
  $("truncated").hidden = !v.truncated;
  $("truncated").textContent = v.truncated
    ? `The text is longer than ${Math.round(classifier.maxInputBytes / 1024)} KB; only its first part was checked.`
    : "";
  $("verdict-box").hidden = false;
  $("verdict-box").dataset.verdict = v.verdict;

  renderFamilies(text.trim() ? v : { families: {} });
  renderMarked(text, v.hits);
  $("marked-box").hidden = v.hits.length === 0;
  renderReasons(v);
  renderEntities(text.trim() ? v : { entities: [] });
  const t2 = performance.now();

  $("status").textContent = text.trim()
    ? `Checked: ${v.verdict}${v.hits.length ? `, ${v.hits.length} finding${v.hits.length === 1 ? "" : "s"}` : ""}.`
    : "Ready.";
  $("timing").textContent = `last check ${(t1 - t0).toFixed(1)} ms (+ ${(t2 - t1).toFixed(1)} ms to display)`;
  document.body.dataset.state = "done";
  window.scamsiftPage.last = { verdict: v.verdict, classifyMs: t1 - t0, renderMs: t2 - t1 };
}

function schedule() {
  document.body.dataset.state = "pending";
  clearTimeout(timer);
  timer = setTimeout(render, DEBOUNCE_MS);
}

// ---------------------------------------------------------------- tooltip (mouse and keyboard)

const tip = $("tip");
function showTip(mark) {
  tip.textContent = mark.dataset.tip;
  tip.hidden = false;
  mark.setAttribute("aria-describedby", "tip");
  const r = mark.getBoundingClientRect();
  const w = Math.min(360, document.documentElement.clientWidth - 16);
  tip.style.maxWidth = `${w}px`;
  const left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - w - 8));
  tip.style.left = `${left}px`;
  tip.style.top = `${r.bottom + window.scrollY + 6}px`;
}
function hideTip(mark) {
  tip.hidden = true;
  mark?.removeAttribute("aria-describedby");
}
const marked = $("marked");
marked.addEventListener("mouseover", (e) => { const m = e.target.closest("mark"); if (m) showTip(m); });
marked.addEventListener("mouseout", (e) => { const m = e.target.closest("mark"); if (m && m !== document.activeElement) hideTip(m); });
marked.addEventListener("focusin", (e) => { if (e.target.matches("mark")) showTip(e.target); });
marked.addEventListener("focusout", (e) => { if (e.target.matches("mark")) hideTip(e.target); });
document.addEventListener("keydown", (e) => { if (e.key === "Escape" && !tip.hidden) hideTip(document.activeElement); });

// ---------------------------------------------------------------- wiring

function setupExamples() {
  const group = document.querySelector(".examples");
  const clear = $("clear");
  for (const ex of EXAMPLES) {
    const b = el("button", { type: "button", dataset: { example: ex.id } }, ex.label);
    b.addEventListener("click", () => {
      $("text").value = ex.text;
      clearTimeout(timer);
      render();
    });
    group.insertBefore(b, clear);
  }
  clear.addEventListener("click", () => {
    $("text").value = "";
    clearTimeout(timer);
    render();
    $("text").focus();
  });
}

async function main() {
  window.scamsiftPage = { ready: false };
  setupExamples();
  $("text").addEventListener("input", schedule);
  try {
    performance.mark("scamsift:init-start");
    await init();
    performance.mark("scamsift:wasm-ready");
    classifier = new Classifier();
    performance.mark("scamsift:ready");
  } catch (e) {
    $("status").textContent = `The classifier could not start: ${e?.message ?? e}`;
    $("status").classList.add("error");
    document.body.dataset.state = "error";
    throw e;
  }
  const ready = performance.getEntriesByName("scamsift:ready")[0].startTime;
  const wasm = performance.getEntriesByName("scamsift:wasm-ready")[0].startTime - performance.getEntriesByName("scamsift:init-start")[0].startTime;
  $("version").textContent = version();
  $("rules").textContent = String(classifier.ruleCount);
  Object.assign(window.scamsiftPage, { ready: true, coldStartMs: ready, wasmInstantiateMs: wasm, classifier });
  document.body.dataset.ready = "true";
  render();
  $("status").textContent = $("text").value.trim() ? $("status").textContent : `Ready (started in ${Math.round(ready)} ms). Paste a text or pick an example.`;
}

main();
