/**
 * The offline bundle without repeated summaries (decision 0026). An entry's body repeats the
 * title and summary of the entries it points to (an actor lists its practices with their
 * summaries), a quarter of the bundle gzipped. `compactReferences` replaces a nested summary
 * by 1 when an entry of the bundle has the same id, title and summary; `expandReferences` puts
 * it back from that entry, so the browser reads exactly what the API returns.
 */
interface Top { id: string; title: unknown; summary: unknown }

const keyOf = (id: unknown, title: unknown) => (typeof id === "string" && typeof title === "string" ? `${id}\u0000${title}` : undefined);

function summaries(entries: Top[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of entries) {
    const key = keyOf(e.id, e.title);
    if (key && typeof e.summary === "string") out.set(key, e.summary);
  }
  return out;
}

function walk(value: unknown, visit: (o: Record<string, unknown>) => Record<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((v) => walk(v, visit));
  if (value && typeof value === "object") {
    const o = visit(value as Record<string, unknown>);
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, walk(v, visit)]));
  }
  return value;
}

/** The entry with its body walked; the entry itself is not a reference. */
const inside = <T>(e: T, visit: (o: Record<string, unknown>) => Record<string, unknown>): T =>
  Object.fromEntries(Object.entries(e as object).map(([k, v]) => [k, walk(v, visit)])) as T;

/** Each entry's body with 1 for the nested summaries that another entry of the list carries. */
export function compactReferences<T extends Top>(entries: T[]): T[] {
  const known = summaries(entries);
  const visit = (o: Record<string, unknown>) => {
    const key = keyOf(o.id, o.title);
    return key !== undefined && typeof o.summary === "string" && known.get(key) === o.summary ? { ...o, summary: 1 } : o;
  };
  return entries.map((e) => inside(e, visit));
}

/** The nested summaries put back from the entries they belong to. */
export function expandReferences<T extends Top>(entries: T[]): T[] {
  const known = summaries(entries);
  const visit = (o: Record<string, unknown>) => {
    const key = keyOf(o.id, o.title);
    const summary = key === undefined || o.summary !== 1 ? undefined : known.get(key);
    return summary === undefined ? o : { ...o, summary };
  };
  return entries.map((e) => inside(e, visit));
}
