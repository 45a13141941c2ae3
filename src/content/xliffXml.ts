/**
 * A small strict XML reader and the escaping the XLIFF export needs (decision 0024). It reads
 * namespace-aware, well-formed XML 1.0 as CAT tools write it: a declaration, comments, processing
 * instructions, elements, attributes, character data, CDATA sections and the five predefined
 * entities with character references. A document type declaration is refused (no entity
 * expansion), as is anything not well formed, with the line where it was found.
 */

export const XML_NS = "http://www.w3.org/XML/1998/namespace";

export interface XmlElement {
  /** namespace URI ("" when none) */
  ns: string;
  /** local name */
  name: string;
  /** attributes by local name when unprefixed, `{uri}local` when prefixed */
  attrs: Map<string, string>;
  children: XmlNode[];
  line: number;
}
export type XmlNode = XmlElement | string;

export class XmlSyntaxError extends Error {
  constructor(readonly reason: string, readonly line: number) { super(`line ${line}: ${reason}`); }
}

const NAME_START = "A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD";
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
/** a qualified name: an optional prefix, a colon, a local name (XML Namespaces' QName) */
const QNAME = new RegExp(`[${NAME_START}][${NAME_CHAR}]*(?::[${NAME_START}][${NAME_CHAR}]*)?`, "y");
/** characters XML 1.0 does not allow anywhere (not even as references) */
const INVALID_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const isXmlChar = (cp: number) => cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Parses a whole document and returns its root element; throws XmlSyntaxError. */
export function parseXml(input: string): XmlElement {
  const text = input.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  let pos = 0;
  const newlines: number[] = [];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) newlines.push(i);
  /** 1-based line of an offset: one more than the line feeds before it (binary search) */
  const lineAt = (at: number) => { let lo = 0, hi = newlines.length; while (lo < hi) { const mid = (lo + hi) >> 1; if (newlines[mid] < at) lo = mid + 1; else hi = mid; } return lo + 1; };
  const fail = (reason: string, at = pos): never => { throw new XmlSyntaxError(reason, lineAt(at)); };
  const bad = INVALID_CHAR.exec(text);
  if (bad) fail(`character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")} is not allowed in XML`, bad.index);

  const decode = (raw: string, at: number): string => raw.replace(/&([^;&\s]*);?/g, (m, name: string) => {
    if (!m.endsWith(";")) fail(`"&" must start a reference such as &amp;`, at);
    if (Object.hasOwn(PREDEFINED, name)) return PREDEFINED[name];
    const num = /^#x([0-9a-fA-F]+)$/.exec(name) ?? /^#([0-9]+)$/.exec(name);
    if (num) {
      const cp = parseInt(num[1], name[1] === "x" ? 16 : 10);
      if (!isXmlChar(cp)) fail(`character reference &${name}; is not an XML character`, at);
      return String.fromCodePoint(cp);
    }
    return fail(`unknown entity &${name}; (only &amp; &lt; &gt; &quot; &apos; and character references)`, at);
  });
  const skipSpace = () => { while (pos < text.length && /[ \t\n]/.test(text[pos])) pos++; };
  const readName = (what: string): string => {
    QNAME.lastIndex = pos;
    const m = QNAME.exec(text);
    if (!m) fail(`expected ${what}`);
    pos += m![0].length;
    return m![0];
  };
  /** comments and processing instructions (skipped); true when one was read */
  const skipMisc = (): boolean => {
    if (text.startsWith("<!--", pos)) {
      const end = text.indexOf("-->", pos + 4);
      if (end < 0) fail("comment is not closed");
      if (text.slice(pos + 4, end).includes("--")) fail(`"--" is not allowed inside a comment`);
      pos = end + 3;
      return true;
    }
    if (text.startsWith("<?", pos)) {
      const start = pos;
      pos += 2;
      const target = readName("a processing instruction target");
      if (target.toLowerCase() === "xml") fail("the XML declaration may only stand at the very start", start);
      const end = text.indexOf("?>", pos);
      if (end < 0) fail("processing instruction is not closed", start);
      pos = end + 2;
      return true;
    }
    return false;
  };

  // The declaration: version 1.0, encoding UTF-8 when given.
  if (text.startsWith("<?xml", pos) && /[ \t\n?]/.test(text[pos + 5] ?? "")) {
    const end = text.indexOf("?>", pos);
    if (end < 0) fail("XML declaration is not closed");
    const decl = text.slice(pos + 5, end);
    const version = /version\s*=\s*(["'])([^"']*)\1/.exec(decl);
    if (!version || version[2] !== "1.0") fail("the XML declaration must say version=\"1.0\"");
    const encoding = /encoding\s*=\s*(["'])([^"']*)\1/.exec(decl);
    if (encoding && !/^utf-?8$/i.test(encoding[2])) fail(`encoding "${encoding[2]}" is not accepted: the file must be UTF-8`);
    pos = end + 2;
  }
  for (;;) { skipSpace(); if (!skipMisc()) break; }
  if (text.startsWith("<!DOCTYPE", pos)) fail("document type declarations are not accepted");
  if (text[pos] !== "<") fail(pos >= text.length ? "the document is empty" : "expected the root element");

  type Open = { el: XmlElement; qname: string; scope: Map<string, string> };
  const stack: Open[] = [];
  let root: XmlElement | null = null;
  let textStart = -1;
  let buffer = "";
  const flushText = () => {
    if (!stack.length) { if (buffer.trim()) fail("text outside the root element", textStart); buffer = ""; return; }
    if (buffer) {
      const kids = stack[stack.length - 1].el.children;
      if (typeof kids[kids.length - 1] === "string") kids[kids.length - 1] += buffer; else kids.push(buffer);
    }
    buffer = "";
  };

  while (pos < text.length) {
    if (text[pos] !== "<") {
      const next = text.indexOf("<", pos);
      const end = next < 0 ? text.length : next;
      const raw = text.slice(pos, end);
      if (raw.includes("]]>")) fail(`"]]>" is not allowed in text`, pos + raw.indexOf("]]>"));
      textStart = pos;
      buffer += decode(raw, pos);
      pos = end;
      continue;
    }
    if (text.startsWith("<![CDATA[", pos)) {
      if (!stack.length) fail("CDATA outside the root element");
      const end = text.indexOf("]]>", pos + 9);
      if (end < 0) fail("CDATA section is not closed");
      buffer += text.slice(pos + 9, end);
      pos = end + 3;
      continue;
    }
    if (text.startsWith("<!--", pos) || text.startsWith("<?", pos)) { skipMisc(); continue; }
    if (text.startsWith("<!", pos)) fail("declarations are not accepted inside the document");
    flushText();
    if (text.startsWith("</", pos)) {
      const at = pos;
      pos += 2;
      const qname = readName("an end tag name");
      skipSpace();
      if (text[pos] !== ">") fail(`end tag </${qname}> is not closed`);
      pos++;
      const open = stack.pop();
      if (!open) fail(`end tag </${qname}> without a start tag`, at);
      if (open!.qname !== qname) fail(`end tag </${qname}> does not match <${open!.qname}> (line ${open!.el.line})`, at);
      if (!stack.length) { root = open!.el; break; }
      continue;
    }
    // A start tag.
    if (root) fail("more than one root element");
    const at = pos;
    pos++;
    const qname = readName("an element name");
    const raw: [string, string, number][] = [];
    for (;;) {
      const before = pos;
      skipSpace();
      if (text.startsWith("/>", pos) || text[pos] === ">") break;
      if (pos === before) fail(`expected whitespace, ">" or "/>" in <${qname}>`);
      const aAt = pos;
      const name = readName("an attribute name");
      skipSpace();
      if (text[pos] !== "=") fail(`attribute ${name} needs "=" and a quoted value`);
      pos++;
      skipSpace();
      const q = text[pos];
      if (q !== '"' && q !== "'") fail(`the value of attribute ${name} must be quoted`);
      const end = text.indexOf(q, pos + 1);
      if (end < 0) fail(`the value of attribute ${name} is not closed`);
      const value = text.slice(pos + 1, end);
      if (value.includes("<")) fail(`"<" is not allowed in the value of attribute ${name}`);
      if (raw.some(([n]) => n === name)) fail(`attribute ${name} appears twice in <${qname}>`, aAt);
      // Attribute-value normalisation: literal whitespace becomes a space, references keep theirs.
      raw.push([name, decode(value.replace(/[\t\n]/g, " "), pos), aAt]);
      pos = end + 1;
    }
    const selfClosing = text[pos] === "/";
    pos += selfClosing ? 2 : 1;
    const parentScope = stack.length ? stack[stack.length - 1].scope : new Map([["xml", XML_NS]]);
    const scope = new Map(parentScope);
    for (const [name, value] of raw) {
      if (name === "xmlns") scope.set("", value);
      else if (name.startsWith("xmlns:")) {
        const prefix = name.slice(6);
        if (!value) fail(`namespace prefix ${prefix} cannot be bound to an empty name`, at);
        if (prefix === "xml" || prefix === "xmlns") fail(`prefix ${prefix} cannot be redeclared`, at);
        scope.set(prefix, value);
      }
    }
    const resolve = (q: string, forElement: boolean) => {
      const i = q.indexOf(":");
      if (i < 0) return { ns: forElement ? (scope.get("") ?? "") : "", local: q };
      const prefix = q.slice(0, i);
      const uri = scope.get(prefix);
      if (uri === undefined) fail(`namespace prefix "${prefix}" is not declared`, at);
      return { ns: uri!, local: q.slice(i + 1) };
    };
    const { ns, local } = resolve(qname, true);
    const el: XmlElement = { ns, name: local, attrs: new Map(), children: [], line: lineAt(at) };
    for (const [name, value, aAt] of raw) {
      if (name === "xmlns" || name.startsWith("xmlns:")) continue;
      const r = resolve(name, false);
      const key = r.ns ? `{${r.ns}}${r.local}` : r.local;
      if (el.attrs.has(key)) fail(`attribute ${name} appears twice in <${qname}>`, aAt);
      el.attrs.set(key, value);
    }
    if (stack.length) stack[stack.length - 1].el.children.push(el);
    if (selfClosing) { if (!stack.length) { root = el; break; } continue; }
    stack.push({ el, qname, scope });
  }
  if (!root) fail(stack.length ? `element <${stack[stack.length - 1].qname}> is not closed` : "no root element", text.length);
  for (;;) { skipSpace(); if (!skipMisc()) break; }
  if (pos < text.length) fail("content after the root element");
  return root!;
}

/** Element children of `el`, optionally only those in `ns` named `name`. */
export function childElements(el: XmlElement, ns?: string, name?: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== "string" && (ns === undefined || c.ns === ns) && (name === undefined || c.name === name));
}

/** Escapes text for element content: &, <, > and carriage returns (which parsers would turn into line feeds). */
export const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
/** Escapes text for a double-quoted attribute value (whitespace kept by reference, as parsers normalise it). */
export const escapeAttr = (s: string) => escapeText(s).replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;");
/** Characters that XML 1.0 cannot hold even by reference, each in turn (XLIFF writes them as <cp hex="…"/>). */
export const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
