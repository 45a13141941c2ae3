/** The standards crosswalk's strings (page and practice section), loaded with them, not in the main bundle (see lazyStrings). */
import { lazyStrings } from "../lazyStrings.js";

export const { withStrings: withCrosswalkStrings, loadStrings: loadCrosswalkStrings, useStrings: useCrosswalkStrings, tr: tx } = lazyStrings("crosswalk", {
  crosswalk: {
    en: () => import("./locale/en.js").then((m) => m.crosswalkEn),
    fr: () => import("./locale/fr.js").then((m) => m.crosswalkFr),
    ar: () => import("./locale/ar.js").then((m) => m.crosswalkAr),
    es: () => import("./locale/es.js").then((m) => m.crosswalkEs),
    ru: () => import("./locale/ru.js").then((m) => m.crosswalkRu),
    zh: () => import("./locale/zh.js").then((m) => m.crosswalkZh),
  },
});
