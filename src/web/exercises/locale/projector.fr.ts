import type { projectorEn } from "./projector.en.js";
import type { Table } from "./types.js";

/** Textes français propres à la page projecteur : le nuage de mots des réponses écrites. */
export const projectorFr: Table<typeof projectorEn> = {
  words: {
    title: "Les mots des réponses", lead: "Plus un mot revient dans les réponses, plus il est grand.",
    item_one: "{{word}} : {{count}} réponse", item_many: "{{word}} : {{count}} réponses", item_other: "{{word}} : {{count}} réponses",
  },
};
