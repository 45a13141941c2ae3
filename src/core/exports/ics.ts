/**
 * An iCalendar file (RFC 5545) of all-day events: CRLF line endings, TEXT values escaped, lines
 * folded at 75 octets without splitting a UTF-8 character. Pure: the caller passes the clock.
 */
export interface IcsEvent { uid: string; date: string; summary: string; description?: string; categories?: string[] }
export interface IcsCalendar { name: string; events: IcsEvent[] }

const CRLF = "\r\n";
const MAX_OCTETS = 75;
const utf8Length = (cp: number) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);

/** A TEXT value: backslash, semicolon, comma and line breaks escaped, other control characters dropped. */
export const icsText = (s: string) =>
  s.replace(/\r\n|\r/g, "\n").replace(/[\x00-\x08\x0B-\x1F\x7F]/g, "")
    .replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\n/g, "\\n");

/** One content line folded: no line longer than 75 octets, continuation lines start with a space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const n = utf8Length(ch.codePointAt(0)!);
    if (octets + n > MAX_OCTETS) { out.push(current); current = " "; octets = 1; }
    current += ch;
    octets += n;
  }
  out.push(current);
  return out.join(CRLF);
}

/** "YYYY-MM-DD" as a UTC date, or null when it is not a real calendar date. */
function parseDate(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : null;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const icsDate = (d: Date) => `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
const icsStamp = (d: Date) => `${icsDate(d)}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;

export function writeIcs(cal: IcsCalendar, now: Date): string {
  if (Number.isNaN(now.getTime())) throw new Error("writeIcs: `now` is not a valid date");
  const stamp = icsStamp(now);
  const lines = [
    "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Nexus Toolkit//Action plan//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
    `X-WR-CALNAME:${icsText(cal.name)}`,
  ];
  const seen = new Set<string>();
  for (const e of cal.events) {
    if (!e.uid) throw new Error("Calendar event has an empty uid");
    if (seen.has(e.uid)) throw new Error(`Calendar event uid "${e.uid}" is used twice`);
    seen.add(e.uid);
    const start = parseDate(e.date);
    if (!start) throw new Error(`Calendar event "${e.uid}" has date "${e.date}", which is not a real YYYY-MM-DD date`);
    const end = new Date(start);
    end.setUTCDate(end.getUTCDate() + 1);
    lines.push(
      "BEGIN:VEVENT", `UID:${icsText(e.uid)}`, `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${icsDate(start)}`, `DTEND;VALUE=DATE:${icsDate(end)}`,
      `SUMMARY:${icsText(e.summary)}`,
    );
    if (e.description) lines.push(`DESCRIPTION:${icsText(e.description)}`);
    const categories = (e.categories ?? []).filter((c) => c.trim());
    if (categories.length) lines.push(`CATEGORIES:${categories.map(icsText).join(",")}`);
    lines.push("TRANSP:TRANSPARENT", "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join(CRLF) + CRLF;
}
