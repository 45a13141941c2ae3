/** English strings the projector page alone needs (under "exercises" in i18next): the word cloud of text answers. Kept out of the phone page's strings. */
export const projectorEn = {
  words: {
    title: "Words in the answers", lead: "The more answers use a word, the bigger it is.",
    item_one: "{{word}}: {{count}} answer", item_other: "{{word}}: {{count}} answers",
  },
};
