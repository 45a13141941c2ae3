/**
 * Learning paths as the API serves them (docs/decisions/0038): the audiences, an audience's path and
 * one module with its knowledge check. Assembled from the knowledge base in the reader's language
 * (decision 0022) by src/core/training/paths.ts; names and objectives are message keys (decision
 * 0025). Public knowledge, held in memory: it never touches user records. A learner's answers stay
 * on their phone.
 */
import { localize, type Translations } from "../../content/translations.js";
import { msg } from "../../core/i18n/messages.js";
import type { KnowledgeBase } from "../../core/knowledge/schema.js";
import { audienceIds, isAudience, type Audience } from "../../core/training/audiences.js";
import { learnerQuestion } from "../../core/training/learnerQuestion.js";
import { learningPath, type LearningModule, type LearningPath } from "../../core/training/paths.js";
import type { Language } from "../http/language.js";
import { Problem } from "../http/problem.js";
import { keyed } from "../http/validation.js";

/** The 404 of a well-formed id that names nothing, naming the parameter with a message key. */
const unknown = (param: string, id: string) => {
  const e = keyed(param, "validation.msg.unknownId", { id });
  return new Problem(404, "Not found", `${param}: ${e.message}`, [e]);
};

export class TrainingService {
  private readonly paths = new Map<Language, Map<Audience, LearningPath>>();

  /** `byLang`: the knowledge base in each translated language (app.ts builds it once for every capability); missing ones are built here. */
  constructor(private readonly kb: KnowledgeBase, private readonly translations: Translations = new Map(), private readonly byLang = new Map<string, KnowledgeBase>()) {}

  private pathsIn(lang: Language): Map<Audience, LearningPath> {
    const use: Language = lang !== "en" && this.translations.get(lang as never)?.size ? lang : "en";
    let found = this.paths.get(use);
    if (!found) {
      let kb = use === "en" ? this.kb : this.byLang.get(use);
      if (!kb) { kb = localize(this.kb, use, this.translations); this.byLang.set(use, kb); }
      const k = kb;
      found = new Map(audienceIds.map((a) => [a, learningPath(k, a)]));
      this.paths.set(use, found);
    }
    return found;
  }

  private path(audience: string, lang: Language): LearningPath {
    if (!isAudience(audience)) throw unknown("audience", audience);
    return this.pathsIn(lang).get(audience)!;
  }

  /** Whether a question's own text is in the reader's language (else English, marked so). */
  private questionLanguage(lang: Language, id: string): Language {
    return this.languageOf(lang, `questions:${id}`, "stem");
  }

  /** Whether a field of an entry is translated for the reader (else the page marks it English). */
  private languageOf(lang: Language, key: string, field: string): Language {
    return lang !== "en" && this.translations.get(lang as never)?.get(key)?.has(field) ? lang : "en";
  }

  private summary(m: LearningModule, lang: Language) {
    const c = m.caseStudy;
    const caseStudy = c && {
      ...c,
      language: c.kind === "scenario" ? this.languageOf(lang, `scenarios:${c.id}`, "summary") : this.languageOf(lang, `manifestations:${c.manifestation}`, "cases.0.summary"),
    };
    return { id: m.id, title: m.title, objectives: m.objectives, reading: m.reading, case_study: caseStudy, questions: m.questions.length };
  }

  /** The eight audiences, each with its name, how many modules and questions its path has. */
  audiences(lang: Language = "en") {
    const paths = this.pathsIn(lang);
    return {
      items: audienceIds.map((a) => {
        const p = paths.get(a)!;
        return { id: a, name: msg(`training.msg.audience.${a}`), modules: p.modules.length, questions: p.modules.reduce((n, m) => n + m.questions.length, 0) };
      }),
    };
  }

  /** An audience's path: its modules with objectives, reading, case study and how many questions each checks. */
  forAudience(audience: string, lang: Language = "en") {
    const p = this.path(audience, lang);
    return { audience: { id: p.audience, name: msg(`training.msg.audience.${p.audience}`) }, modules: p.modules.map((m) => this.summary(m, lang)) };
  }

  /**
   * One module with its knowledge check: the questions with their answers and explanations (the
   * learner's phone checks them itself), and the modules before and after it.
   */
  module(audience: string, moduleId: string, lang: Language = "en") {
    const p = this.path(audience, lang);
    const i = p.modules.findIndex((m) => m.id === moduleId);
    if (i < 0) throw unknown("module", moduleId);
    const m = p.modules[i];
    return {
      audience: { id: p.audience, name: msg(`training.msg.audience.${p.audience}`) },
      position: i + 1,
      total: p.modules.length,
      previous: p.modules[i - 1]?.id ?? null,
      next: p.modules[i + 1]?.id ?? null,
      module: { ...this.summary(m, lang), questions: m.questions.map((q) => ({ ...learnerQuestion(q), language: this.questionLanguage(lang, q.id) })) },
    };
  }

  /** A module as the trainer kit needs it (decision 0040): the module and the knowledge base its texts come from (the reader's language where translated). */
  kitSource(audience: string, moduleId: string, lang: Language = "en") {
    const p = this.path(audience, lang);
    const m = p.modules.find((x) => x.id === moduleId);
    if (!m) throw unknown("module", moduleId);
    const use: Language = lang !== "en" && this.translations.get(lang as never)?.size ? lang : "en";
    return { audience: p.audience, module: m, kb: (use === "en" ? undefined : this.byLang.get(use)) ?? this.kb };
  }
}
