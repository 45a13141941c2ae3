import type { projectorEn } from "./projector.en.js";
import type { Table } from "./types.js";

/** 仅投影页面使用的中文文字：书面回答的词云。 */
export const projectorZh: Table<typeof projectorEn> = {
  words: {
    title: "回答中的词语", lead: "使用某个词的回答越多，这个词就显示得越大。",
    item_one: "{{word}}：{{count}} 个回答", item_other: "{{word}}：{{count}} 个回答",
  },
};
