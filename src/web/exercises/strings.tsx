/**
 * The exercise pages' strings, kept out of the main bundle: each page registers the strings it
 * needs under the "exercises" key of i18next when it first loads, for the current language, and
 * again when the reader changes the language. Four sets, so that a phone loads little: the join
 * page's (locale/join.*.ts), the phone and projector pages' (locale/participant.*.ts), the
 * projector's own (locale/projector.*.ts: its word cloud), and the facilitator's (locale/<lang>.ts).
 */
import { lazyStrings } from "../lazyStrings.js";

export type StringSet = "join" | "participant" | "projector" | "facilitator";
type Loader = () => Promise<object>;

const loaders: Record<StringSet, Record<string, Loader>> = {
  join: {
    en: () => import("./locale/join.en.js").then((m) => m.joinEn),
    fr: () => import("./locale/join.fr.js").then((m) => m.joinFr),
    ar: () => import("./locale/join.ar.js").then((m) => m.joinAr),
    es: () => import("./locale/join.es.js").then((m) => m.joinEs),
    ru: () => import("./locale/join.ru.js").then((m) => m.joinRu),
    zh: () => import("./locale/join.zh.js").then((m) => m.joinZh),
  },
  participant: {
    en: () => import("./locale/participant.en.js").then((m) => m.participantEn),
    fr: () => import("./locale/participant.fr.js").then((m) => m.participantFr),
    ar: () => import("./locale/participant.ar.js").then((m) => m.participantAr),
    es: () => import("./locale/participant.es.js").then((m) => m.participantEs),
    ru: () => import("./locale/participant.ru.js").then((m) => m.participantRu),
    zh: () => import("./locale/participant.zh.js").then((m) => m.participantZh),
  },
  projector: {
    en: () => import("./locale/projector.en.js").then((m) => m.projectorEn),
    fr: () => import("./locale/projector.fr.js").then((m) => m.projectorFr),
    ar: () => import("./locale/projector.ar.js").then((m) => m.projectorAr),
    es: () => import("./locale/projector.es.js").then((m) => m.projectorEs),
    ru: () => import("./locale/projector.ru.js").then((m) => m.projectorRu),
    zh: () => import("./locale/projector.zh.js").then((m) => m.projectorZh),
  },
  facilitator: {
    en: () => import("./locale/en.js").then((m) => m.exercisesEn),
    fr: () => import("./locale/fr.js").then((m) => m.exercisesFr),
    ar: () => import("./locale/ar.js").then((m) => m.exercisesAr),
    es: () => import("./locale/es.js").then((m) => m.exercisesEs),
    ru: () => import("./locale/ru.js").then((m) => m.exercisesRu),
    zh: () => import("./locale/zh.js").then((m) => m.exercisesZh),
  },
};

export const { loadStrings, useStrings, withStrings, tr: tx } = lazyStrings("exercises", loaders);
