/**
 * A learning path as a SCORM 1.2 package (docs/decisions/0041): imsmanifest.xml with one
 * organization item per module, each a SCO, and per module one self-contained HTML page (inline
 * CSS and script, no request leaves it) in the reader's language. The page finds the LMS's `API`
 * up the frame chain (or the opener's), shows the objectives, the reading, the case study and the
 * knowledge check, records each answer as cmi.interactions.n.*, and on the last answer sets the
 * score (per cent right), passed or failed against the mastery score (the LMS's
 * cmi.student_data.mastery_score, else the one written here and in the manifest), commits and
 * finishes. A module without questions is "completed" when the learner says they finished it.
 *
 * The words of the page are message keys (training.msg.scorm.*) rendered when the package is built;
 * the texts of the knowledge base come already in the reader's language (English where not
 * translated, marked lang="en").
 */
import JSZip from "jszip";
import { translator } from "../i18n/catalogues.js";
import type { Msg } from "../i18n/messages.js";
import type { LearnerQuestion } from "./learnerQuestion.js";
import type { CaseStudy, ReadingItem } from "./paths.js";

/** The pass mark of a knowledge check, in per cent, unless the LMS says otherwise. */
export const DEFAULT_MASTERY = 70;

/** One module as the module route serves it (TrainingService.module(...).module). */
export interface ScormModule {
  id: string;
  title: Msg;
  objectives: Msg[];
  reading: ReadingItem[];
  case_study: (CaseStudy & { language?: string }) | null;
  questions: (LearnerQuestion & { language?: string })[];
}

export interface ScormInput {
  audience: { id: string; name: Msg };
  /** the reader's language (en fr es ar ru zh) */
  lang: string;
  modules: ScormModule[];
  /** PUBLIC_URL: reading becomes absolute links to the entries; without it, their titles */
  baseUrl: string | null;
  /** the pass mark in per cent (DEFAULT_MASTERY) */
  mastery?: number;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
/** JSON safe inside a <script> element. */
const scriptJson = (x: unknown) => JSON.stringify(x).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");

export const scoHref = (moduleId: string) => `modules/${moduleId}.html`;
/** The SCORM 1.2 interaction type of a question: ordering is "sequencing", every other kind "choice". */
export const interactionType = (q: Pick<LearnerQuestion, "type">) => (q.type === "ordering" ? "sequencing" : "choice");

/** imsmanifest.xml: ADL SCORM 1.2 (IMS Content Packaging 1.1.2 with the adlcp 1.2 extension). */
export function scormManifest(input: ScormInput): string {
  const t = translator(input.lang);
  const mastery = input.mastery ?? DEFAULT_MASTERY;
  const id = `nexus-path-${input.audience.id}-${input.lang}`;
  const items = input.modules.map((m) => [
    `      <item identifier="item-${esc(m.id)}" identifierref="sco-${esc(m.id)}" isvisible="true">`,
    `        <title>${esc(t(m.title))}</title>`,
    ...(m.questions.length ? [`        <adlcp:masteryscore>${mastery}</adlcp:masteryscore>`] : []),
    "      </item>",
  ].join("\n"));
  const resources = input.modules.map((m) => [
    `    <resource identifier="sco-${esc(m.id)}" type="webcontent" adlcp:scormtype="sco" href="${scoHref(m.id)}">`,
    `      <file href="${scoHref(m.id)}"/>`,
    "    </resource>",
  ].join("\n"));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<manifest identifier="${esc(id)}" version="1.0"`,
    '  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"',
    '  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"',
    '  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">',
    "  <metadata>",
    "    <schema>ADL SCORM</schema>",
    "    <schemaversion>1.2</schemaversion>",
    "  </metadata>",
    `  <organizations default="path-${esc(input.audience.id)}">`,
    `    <organization identifier="path-${esc(input.audience.id)}">`,
    `      <title>${esc(t(input.audience.name))}</title>`,
    ...items,
    "    </organization>",
    "  </organizations>",
    "  <resources>",
    ...resources,
    "  </resources>",
    "</manifest>",
    "",
  ].join("\n");
}

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans Arabic","Noto Sans SC",sans-serif;color:#1b1f24;background:#f6f7f9}
main{max-width:46rem;margin:0 auto;padding:1rem}
header p{margin:0;color:#4a5361;font-size:.9rem}
h1{font-size:1.5rem;margin:.25rem 0 1rem}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
h3{font-size:1rem;margin:.5rem 0}
section{background:#fff;border:1px solid #d8dde4;border-radius:.5rem;padding:.25rem 1rem 1rem;margin-block-end:1rem}
ul{padding-inline-start:1.25rem}
a{color:#0b5cad}
.note{background:#fff6d6;border:1px solid #e6cf7a;border-radius:.5rem;padding:.5rem 1rem}
form{border-block-start:1px solid #d8dde4;padding-block:.75rem}
fieldset{border:0;margin:0;padding:0;min-width:0}
legend{font-weight:600;padding:0}
legend .n{display:block;font-weight:400;color:#4a5361;font-size:.85rem}
.case{background:#f0f3f7;border-inline-start:3px solid #7a8899;padding:.5rem .75rem}
.hint{color:#4a5361;font-size:.9rem;margin:.25rem 0}
label{display:flex;gap:.5rem;align-items:flex-start;padding:.4rem .25rem;border-radius:.25rem}
label:hover{background:#f0f3f7}
input{margin-block-start:.3rem}
ol.order{padding-inline-start:1.5rem}
ol.order li{padding:.25rem 0}
ol.order li span{display:inline-block;min-width:8rem;margin-inline-end:.5rem}
button{font:inherit;border:1px solid #0b5cad;background:#0b5cad;color:#fff;border-radius:.35rem;padding:.35rem .9rem;cursor:pointer;margin-block-start:.5rem}
button.small{background:#fff;color:#0b5cad;padding:.1rem .5rem;margin:0 .15rem}
button:disabled{opacity:.5;cursor:default}
.feedback{margin-block-start:.5rem}
.feedback .ok{color:#1a6b2e;font-weight:600}
.feedback .ko{color:#a3241b;font-weight:600}
#result{font-weight:600;font-size:1.05rem}
`;

/**
 * The page's script: plain browser JavaScript (no build step), kept in a string so nothing a
 * compiler adds ends up in the package. It reads its data from #sco-data.
 */
const SCRIPT = String.raw`(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("sco-data").textContent);
  var T = data.text;
  var lang = document.documentElement.lang;
  var fmt = function (n) { try { return new Intl.NumberFormat(lang).format(n); } catch (e) { return String(n); } };
  var fill = function (s, p) { return s.replace(/\{\{(\w+)\}\}/g, function (all, k) { return k in p ? p[k] : all; }); };
  function findAPI(win) {
    for (var i = 0; win && i < 12; i++) {
      try { if (win.API) return win.API; } catch (e) { return null; }
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  var api = findAPI(window);
  if (!api) { try { if (window.opener) api = findAPI(window.opener); } catch (e) { api = null; } }
  var live = false;
  try { live = !!api && String(api.LMSInitialize("")) === "true"; } catch (e) { live = false; }
  if (!live) document.getElementById("no-lms").hidden = false;
  var get = function (k) { try { return live ? String(api.LMSGetValue(k)) : ""; } catch (e) { return ""; } };
  var set = function (k, v) { if (live) api.LMSSetValue(k, String(v)); };
  var commit = function () { if (live) api.LMSCommit(""); };
  var started = Date.now();
  var finished = false;
  var status = get("cmi.core.lesson_status");
  if (!status || status === "not attempted") set("cmi.core.lesson_status", "incomplete");
  var mastery = parseFloat(get("cmi.student_data.mastery_score"));
  if (isNaN(mastery)) mastery = data.mastery;
  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  var span = function (ms) { var s = Math.round(ms / 1000); return pad(Math.floor(s / 3600)) + ":" + pad(Math.floor(s / 60) % 60) + ":" + pad(s % 60); };
  var clock = function () { var d = new Date(); return pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds()); };
  function finish(lessonStatus) {
    if (finished) return;
    finished = true;
    set("cmi.core.lesson_status", lessonStatus);
    set("cmi.core.session_time", span(Date.now() - started));
    set("cmi.core.exit", "");
    commit();
    if (live) api.LMSFinish("");
  }
  var results = [];
  var forms = document.querySelectorAll("form.q");
  Array.prototype.forEach.call(forms, function (form) {
    var i = Number(form.getAttribute("data-q"));
    var q = data.questions[i];
    var feedback = form.querySelector(".feedback");
    var list = form.querySelector("ol.order");
    if (list) {
      list.addEventListener("click", function (ev) {
        var b = ev.target.closest("button");
        if (!b || b.disabled) return;
        var li = b.closest("li");
        if (b.classList.contains("up") && li.previousElementSibling) list.insertBefore(li, li.previousElementSibling);
        else if (b.classList.contains("down") && li.nextElementSibling) list.insertBefore(li.nextElementSibling, li);
        b.focus();
      });
    }
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (results[i] !== undefined) return;
      var response = list
        ? Array.prototype.map.call(list.querySelectorAll("li"), function (li) { return li.getAttribute("data-id"); })
        : Array.prototype.map.call(form.querySelectorAll("input:checked"), function (x) { return x.value; });
      if (!response.length) { feedback.textContent = T.unanswered; return; }
      var ok = q.type === "sequencing"
        ? response.join(",") === q.answer.join(",")
        : response.length === q.answer.length && response.every(function (r) { return q.answer.indexOf(r) >= 0; });
      results[i] = ok;
      var n = parseInt(get("cmi.interactions._count"), 10);
      if (isNaN(n)) n = i;
      var p = "cmi.interactions." + n + ".";
      set(p + "id", q.id);
      set(p + "type", q.type);
      set(p + "time", clock());
      set(p + "weighting", 1);
      set(p + "correct_responses.0.pattern", q.answer.join(","));
      set(p + "student_response", response.join(","));
      set(p + "result", ok ? "correct" : "wrong");
      commit();
      Array.prototype.forEach.call(form.querySelectorAll("input,button"), function (x) { x.disabled = true; });
      feedback.innerHTML = "";
      var verdict = document.createElement("p");
      verdict.className = ok ? "ok" : "ko";
      verdict.textContent = ok ? T.right : T.wrong;
      feedback.appendChild(verdict);
      if (!ok) { var right = document.createElement("p"); right.textContent = q.rightAnswer; feedback.appendChild(right); }
      var why = form.querySelector(".explanation");
      if (why) why.hidden = false;
      var answered = results.filter(function (r) { return r !== undefined; }).length;
      if (answered === data.questions.length) {
        var correct = results.filter(Boolean).length;
        var score = Math.round((100 * correct) / data.questions.length);
        set("cmi.core.score.min", 0);
        set("cmi.core.score.max", 100);
        set("cmi.core.score.raw", score);
        var passed = score >= mastery;
        var out = document.getElementById("result");
        out.textContent = fill(T.result, { correct: fmt(correct), total: fmt(data.questions.length), score: fmt(score) }) + " " + fill(passed ? T.passed : T.failed, { mastery: fmt(mastery) });
        out.hidden = false;
        finish(passed ? "passed" : "failed");
      }
    });
  });
  var done = document.getElementById("done");
  if (done) done.addEventListener("click", function () {
    done.disabled = true;
    var out = document.getElementById("result");
    out.textContent = T.completed;
    out.hidden = false;
    finish("completed");
  });
  window.addEventListener("pagehide", function () {
    if (finished || !live) return;
    finished = true;
    set("cmi.core.session_time", span(Date.now() - started));
    set("cmi.core.exit", "suspend");
    commit();
    api.LMSFinish("");
  });
})();`;

/** The page of one module: a SCO that runs without the network. */
export function scoHtml(input: ScormInput, m: ScormModule): string {
  const lang = input.lang;
  const t = translator(lang);
  const s = (k: string, params?: Msg["params"]) => t(`training.msg.scorm.${k}`, params);
  const mastery = input.mastery ?? DEFAULT_MASTERY;
  /**
   * lang="en" on knowledge-base text the reader's language lacks; on a right-to-left page the
   * rest gets dir="auto", so a draft translation still in English reads left to right.
   */
  const langAttr = (l: string | undefined) => (l && l !== lang ? ` lang="${esc(l)}" dir="ltr"` : lang === "ar" ? ' dir="auto"' : "");
  const base = input.baseUrl?.replace(/\/+$/, "") ?? null;
  const link = (href: string, title: string) => (base ? `<a href="${esc(base + href)}" target="_blank" rel="noopener">${esc(title)}</a>` : esc(title));

  const objectives = m.objectives.length ? `<section><h2>${esc(s("objectives"))}</h2><ul>${m.objectives.map((o) => `<li>${esc(t(o))}</li>`).join("")}</ul></section>` : "";
  const reading = m.reading.length ? `<section><h2>${esc(s("reading"))}</h2><ul>${m.reading.map((r) => `<li>${link(r.href, r.title)}</li>`).join("")}</ul></section>` : "";
  const c = m.case_study;
  const caseStudy = c
    ? `<section><h2>${esc(s("caseStudy"))}</h2><h3${langAttr(c.language)}>${c.kind === "manifestation-case" ? link(c.href, c.title) : esc(c.title)}</h3><p${langAttr(c.language)}>${esc(c.summary)}</p></section>`
    : "";

  const total = m.questions.length;
  const questions = m.questions.map((q, i) => {
    const name = `q${i}`;
    const hint = q.type === "ordering" ? s("putInOrder") : q.type === "multiple" ? s("chooseSeveral") : s("chooseOne");
    const options = q.type === "ordering"
      ? `<ol class="order"${langAttr(q.language)}>${q.options.map((o) => `<li data-id="${esc(o.id)}"><span>${esc(o.text)}</span><button type="button" class="small up" aria-label="${esc(`${s("up")}: ${o.text}`)}">▲</button><button type="button" class="small down" aria-label="${esc(`${s("down")}: ${o.text}`)}">▼</button></li>`).join("")}</ol>`
      : q.options.map((o) => `<label${langAttr(q.language)}><input type="${q.type === "multiple" ? "checkbox" : "radio"}" name="${name}" value="${esc(o.id)}"><span>${esc(o.text)}</span></label>`).join("");
    return [
      `<form class="q" data-q="${i}" id="q-${esc(q.id)}"><fieldset>`,
      `<legend><span class="n">${esc(s("position", { n: i + 1, total }))}</span><span${langAttr(q.language)}>${esc(q.stem)}</span></legend>`,
      q.case ? `<p class="case"${langAttr(q.language)}>${esc(q.case)}</p>` : "",
      `<p class="hint">${esc(hint)}</p>`,
      options,
      `<button type="submit">${esc(s("checkAnswer"))}</button>`,
      `<div class="feedback" role="status" aria-live="polite"></div>`,
      `<p class="explanation"${langAttr(q.language)} hidden>${esc(q.explanation)}</p>`,
      `</fieldset></form>`,
    ].join("");
  }).join("\n");

  const textOf = (q: LearnerQuestion, id: string) => q.options.find((o) => o.id === id)?.text ?? id;
  const data = {
    mastery,
    questions: m.questions.map((q) => ({
      id: q.id,
      type: interactionType(q),
      answer: q.answer,
      rightAnswer: s("rightAnswer", { answer: q.answer.map((id) => textOf(q, id)).join(q.type === "ordering" ? " → " : "; ") }),
    })),
    // Filled in by the page with numbers it formats itself.
    text: {
      unanswered: s("unanswered"), right: s("right"), wrong: s("wrong"), completed: s("completed"),
      result: s("result", { correct: "{{correct}}", total: "{{total}}", score: "{{score}}" }),
      passed: s("passed", { mastery: "{{mastery}}" }), failed: s("failed", { mastery: "{{mastery}}" }),
    },
  };

  const check = total
    ? `<section id="check"><h2>${esc(s("check"))}</h2>\n${questions}\n<p id="result" role="status" hidden></p></section>`
    : `<section id="check"><button type="button" id="done">${esc(s("markDone"))}</button><p id="result" role="status" hidden></p></section>`;

  return `<!DOCTYPE html>
<html lang="${esc(lang)}" dir="${lang === "ar" ? "rtl" : "ltr"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${esc(t(m.title))}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header><p>${esc(t(input.audience.name))}</p><h1>${esc(t(m.title))}</h1></header>
<p id="no-lms" class="note" role="status" hidden>${esc(s("noLms"))}</p>
${objectives}
${reading}
${caseStudy}
${check}
</main>
<script type="application/json" id="sco-data">${scriptJson(data)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/** The package: imsmanifest.xml at the root and modules/<id>.html per module. */
export async function scormPackage(input: ScormInput): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("imsmanifest.xml", scormManifest(input));
  for (const m of input.modules) zip.file(scoHref(m.id), scoHtml(input, m));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } });
}

/** The download's file name. */
export const scormFilename = (audience: string, lang: string) => `nexus-${audience}-${lang}-scorm12.zip`;
