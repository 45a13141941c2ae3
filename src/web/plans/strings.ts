/** The self-assessment pages' strings, loaded with those pages, not in the main bundle (see lazyStrings). */
import { lazyStrings } from "../lazyStrings.js";

export const { withStrings: withPlanStrings, tr: tp } = lazyStrings("plans", {
  plans: {
    en: () => import("./locale/en.js").then((m) => m.plansEn),
    fr: () => import("./locale/fr.js").then((m) => m.plansFr),
    ar: () => import("./locale/ar.js").then((m) => m.plansAr),
    es: () => import("./locale/es.js").then((m) => m.plansEs),
    ru: () => import("./locale/ru.js").then((m) => m.plansRu),
    zh: () => import("./locale/zh.js").then((m) => m.plansZh),
  },
});
