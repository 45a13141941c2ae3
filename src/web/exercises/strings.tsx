/**
 * The exercise pages' strings, kept out of the main bundle: each page registers the strings it
 * needs under the "exercises" key of i18next when it first loads, for the current language, and
 * again when the reader changes the language. Three sets, so that a phone loads little: the join
 * page's (locale/join.*.ts), the phone and projector pages' (locale/participant.*.ts), and the
 * facilitator's (locale/{en,fr,ar}.ts).
 */
import { lazyStrings } from "../lazyStrings.js";

export type StringSet = "join" | "participant" | "facilitator";
type Loader = () => Promise<object>;

const loaders: Record<StringSet, Record<string, Loader>> = {
  join: {
    en: () => import("./locale/join.en.js").then((m) => m.joinEn),
    fr: () => import("./locale/join.fr.js").then((m) => m.joinFr),
    ar: () => import("./locale/join.ar.js").then((m) => m.joinAr),
  },
  participant: {
    en: () => import("./locale/participant.en.js").then((m) => m.participantEn),
    fr: () => import("./locale/participant.fr.js").then((m) => m.participantFr),
    ar: () => import("./locale/participant.ar.js").then((m) => m.participantAr),
  },
  facilitator: {
    en: () => import("./locale/en.js").then((m) => m.exercisesEn),
    fr: () => import("./locale/fr.js").then((m) => m.exercisesFr),
    ar: () => import("./locale/ar.js").then((m) => m.exercisesAr),
  },
};

export const { loadStrings, useStrings, withStrings, tr: tx } = lazyStrings("exercises", loaders);
