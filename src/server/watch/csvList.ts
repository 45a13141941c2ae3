/**
 * The list of sources in one CSV cell of an observation import or export: items separated by
 * ";". An item in double quotes may hold ";" itself, with a quote inside written twice, so a
 * source named `Reuters; Africa desk` is written `"Reuters; Africa desk"` in the list. (This is
 * inside the cell: the CSV writer adds its own quoting around the whole cell.)
 */

/** Writes names as a list the import reads back: quoted only when a name needs it. */
export function joinList(items: string[]): string {
  return items.map((s) => (/[;"]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s)).join("; ");
}

/**
 * Splits a list cell into its items, trimmed, empty ones dropped. Returns null when a quote is
 * opened and never closed, or text follows a closing quote before the next ";".
 */
export function splitList(cell: string): string[] | null {
  const items: string[] = [];
  let i = 0;
  while (i <= cell.length) {
    while (i < cell.length && /\s/.test(cell[i])) i++;
    let item = "";
    if (cell[i] === '"') {
      i++;
      for (;;) {
        if (i >= cell.length) return null;
        if (cell[i] === '"') {
          if (cell[i + 1] === '"') { item += '"'; i += 2; continue; }
          i++;
          break;
        }
        item += cell[i++];
      }
      while (i < cell.length && /\s/.test(cell[i])) i++;
      if (i < cell.length && cell[i] !== ";") return null;
      items.push(item);
    } else {
      const end = cell.indexOf(";", i);
      item = cell.slice(i, end < 0 ? cell.length : end).trim();
      if (item.includes('"')) return null;
      if (item) items.push(item);
      i = end < 0 ? cell.length : end;
    }
    i++;
  }
  return items;
}

export type ListResolution = { ids: string[] } | { error: string };

/**
 * Resolves a sources cell to source ids, `find` mapping an id or an exact name (any case) to an
 * id. The cell is read as a list; a cell that is one unquoted name containing ";" (as a
 * spreadsheet writes it) is taken whole when the list reading names an unknown source. When
 * both readings name known sources, the cell is ambiguous and must be quoted.
 */
export function resolveList(cell: string, find: (key: string) => string | undefined): ListResolution {
  const whole = cell.trim();
  const items = splitList(cell);
  const wholeId = whole && !whole.includes('"') ? find(whole) : undefined;
  if (!items) return wholeId ? { ids: [wholeId] } : { error: 'a quote in the list of sources is not closed, or text follows it; write a name with ";" as "name; more", with any quote in it doubled' };
  const ids = items.map(find);
  const unknown = items.find((_, n) => !ids[n]);
  if (unknown === undefined) {
    if (wholeId && items.length > 1) return { error: `"${whole}" names a source and also the sources ${items.map((s) => `"${s}"`).join(", ")}; put the name in quotes if it is one source` };
    return { ids: ids as string[] };
  }
  if (wholeId) return { ids: [wholeId] };
  return { error: `no source "${unknown}" in this workspace` };
}

/**
 * The observation CSV: the columns the import reads, in the order the export writes them. The
 * export writes each id with a name beside it for people (subject_name, indicator_statement,
 * source_names); the import reads a name column only when the id column beside it is empty.
 */
export const observationColumns = [
  "subject", "subject_name", "indicator", "indicator_statement", "state", "trend", "observed_at", "reported_at", "sources", "source_names", "credibility", "note",
] as const;
export const requiredColumns = ["subject", "indicator", "state", "observed_at", "sources", "credibility"] as const;

/**
 * Largest observation CSV the import accepts: 200,000 rows with ids and short notes take about
 * 30 MB, in the export's layout (names beside the ids) about 60 MB. The import reads it as it
 * arrives, so the limit bounds time, not memory (decision 0030).
 */
export const CSV_IMPORT_LIMIT = 64 * 1024 * 1024;
/** Most rejected rows an import's answer lists; `rejected` counts them all (decision 0030). */
export const MAX_LISTED_ERRORS = 100;
