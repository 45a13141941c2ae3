import type { projectorEn } from "./projector.en.js";
import type { Table } from "./types.js";

/** نصوص صفحة شاشة العرض وحدها: سحابة كلمات الإجابات المكتوبة. */
export const projectorAr: Table<typeof projectorEn> = {
  words: {
    title: "كلمات الإجابات", lead: "كلما استخدمت إجابات أكثر كلمةً ما، كبر حجمها.",
    item_zero: "{{word}}: لا إجابات", item_one: "{{word}}: إجابة واحدة", item_two: "{{word}}: إجابتان",
    item_few: "{{word}}: {{count}} إجابات", item_many: "{{word}}: {{count}} إجابة", item_other: "{{word}}: {{count}} إجابة",
  },
};
