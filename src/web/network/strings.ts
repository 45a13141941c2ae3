/** The institutions directory and partnership map's strings, loaded with its page, not in the main bundle (see lazyStrings). */
import { lazyStrings } from "../lazyStrings.js";

export const { withStrings: withNetworkStrings, tr: tn } = lazyStrings("network", {
  network: {
    en: () => import("./locale/en.js").then((m) => m.networkEn),
    fr: () => import("./locale/fr.js").then((m) => m.networkFr),
    ar: () => import("./locale/ar.js").then((m) => m.networkAr),
    es: () => import("./locale/es.js").then((m) => m.networkEs),
    ru: () => import("./locale/ru.js").then((m) => m.networkRu),
    zh: () => import("./locale/zh.js").then((m) => m.networkZh),
  },
});
