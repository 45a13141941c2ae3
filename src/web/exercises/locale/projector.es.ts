import type { projectorEn } from "./projector.en.js";
import type { Table } from "./types.js";

/** Textos en español propios de la página del proyector: la nube de palabras de las respuestas escritas. */
export const projectorEs: Table<typeof projectorEn> = {
  words: {
    title: "Las palabras de las respuestas", lead: "Cuantas más respuestas usan una palabra, más grande aparece.",
    item_one: "{{word}}: {{count}} respuesta", item_many: "{{word}}: {{count}} respuestas", item_other: "{{word}}: {{count}} respuestas",
  },
};
