/** The training pages' strings (decision 0038) and the cohort pages' (under "cohort."), loaded with them, not in the main bundle (see lazyStrings). */
import { lazyStrings } from "../lazyStrings.js";

export const { withStrings: withTrainingStrings, useStrings: useTrainingStrings, tr: tx } = lazyStrings("training", {
  training: {
    en: () => Promise.all([import("./locale/en.js"), import("./locale/cohort.en.js")]).then(([m, c]) => ({ ...m.trainingEn, cohort: c.cohortEn })),
    fr: () => Promise.all([import("./locale/fr.js"), import("./locale/cohort.fr.js")]).then(([m, c]) => ({ ...m.trainingFr, cohort: c.cohortFr })),
    ar: () => Promise.all([import("./locale/ar.js"), import("./locale/cohort.ar.js")]).then(([m, c]) => ({ ...m.trainingAr, cohort: c.cohortAr })),
    es: () => Promise.all([import("./locale/es.js"), import("./locale/cohort.es.js")]).then(([m, c]) => ({ ...m.trainingEs, cohort: c.cohortEs })),
    ru: () => Promise.all([import("./locale/ru.js"), import("./locale/cohort.ru.js")]).then(([m, c]) => ({ ...m.trainingRu, cohort: c.cohortRu })),
    zh: () => Promise.all([import("./locale/zh.js"), import("./locale/cohort.zh.js")]).then(([m, c]) => ({ ...m.trainingZh, cohort: c.cohortZh })),
  },
});
