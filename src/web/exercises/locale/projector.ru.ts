import type { projectorEn } from "./projector.en.js";
import type { Table } from "./types.js";

/** Строки только для страницы проектора: облако слов письменных ответов. */
export const projectorRu: Table<typeof projectorEn> = {
  words: {
    title: "Слова из ответов", lead: "Чем больше ответов с этим словом, тем крупнее слово.",
    item_one: "{{word}}: {{count}} ответ", item_few: "{{word}}: {{count}} ответа", item_many: "{{word}}: {{count}} ответов", item_other: "{{word}}: {{count}} ответа",
  },
};
