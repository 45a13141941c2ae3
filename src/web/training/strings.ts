/** The training pages' strings (decision 0038), loaded with them, not in the main bundle (see lazyStrings). */
import { lazyStrings } from "../lazyStrings.js";

export const { withStrings: withTrainingStrings, useStrings: useTrainingStrings, tr: tx } = lazyStrings("training", {
  training: {
    en: () => import("./locale/en.js").then((m) => m.trainingEn),
    fr: () => import("./locale/fr.js").then((m) => m.trainingFr),
    ar: () => import("./locale/ar.js").then((m) => m.trainingAr),
    es: () => import("./locale/es.js").then((m) => m.trainingEs),
    ru: () => import("./locale/ru.js").then((m) => m.trainingRu),
    zh: () => import("./locale/zh.js").then((m) => m.trainingZh),
  },
});
