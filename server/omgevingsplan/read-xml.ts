// Safe XML reading for IMOW/GIO deliveries: size limit, no DTDs or entity declarations at all (so XXE and
// entity expansion cannot happen, whatever the parser would do), syntax errors with file and line, and a
// small namespace-free element tree (local names only: `l:Gebied` and `Gebied` are the same element, so
// prefix and schema-version differences between deliveries do not matter).
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { InvalidParameter } from '../errors.ts';

export const MAX_XML_BYTES = 50 * 1024 * 1024;

export interface XmlNode {
  /** Local name, without namespace prefix. */
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** Concatenated direct text content, trimmed. */
  text: string;
}

export function parseXml(fileName: string, text: string): XmlNode {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_XML_BYTES) {
    throw new InvalidParameter(`${fileName}: ${(bytes / 1e6).toFixed(1)} MB is larger than the ${MAX_XML_BYTES / 1024 / 1024} MB limit for one XML file`);
  }
  // Refuse any document type declaration: OW and GIO files never have one, and without it no external
  // entity, parameter entity or billion-laughs expansion is possible.
  const dtd = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST)/i.exec(text);
  if (dtd) {
    throw new InvalidParameter(`${fileName} line ${lineAt(text, dtd.index)}: XML with a <!${dtd[1].toUpperCase()} declaration is refused (DTDs and entities are not allowed in IMOW deliveries)`);
  }
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true) {
    throw new InvalidParameter(`${fileName} line ${valid.err.line}, column ${valid.err.col}: XML syntax error: ${valid.err.msg}`, {
      file: fileName,
      line: valid.err.line,
    });
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    // Only the five predefined XML entities and character references are decoded; DTDs were refused above.
    processEntities: true,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
  });
  const ordered = parser.parse(text) as OrderedNode[];
  const roots = toNodes(ordered);
  const root = roots.find((n) => n.name !== '');
  if (!root) throw new InvalidParameter(`${fileName}: no root element`);
  return root;
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function toNodes(items: OrderedNode[]): XmlNode[] {
  const out: XmlNode[] = [];
  for (const item of items) {
    const key = Object.keys(item).find((k) => k !== ':@');
    if (key === undefined || key === '#text' || key.startsWith('?') || key === '#comment') continue;
    const raw = item[key];
    const childItems = Array.isArray(raw) ? (raw as OrderedNode[]) : [];
    const texts: string[] = [];
    for (const c of childItems) if ('#text' in c) texts.push(decodeCharRefs(String(c['#text'])));
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(item[':@'] ?? {})) attrs[localName(k)] = String(v);
    out.push({ name: localName(key), attrs, children: toNodes(childItems), text: texts.join('').trim() });
  }
  return out;
}

function decodeCharRefs(text: string): string {
  return text.replace(/&#(x[0-9a-fA-F]+|[0-9]+);/g, (all, code: string) => {
    const n = code[0] === 'x' ? parseInt(code.slice(1), 16) : parseInt(code, 10);
    return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : all;
  });
}

export function localName(qualified: string): string {
  const i = qualified.indexOf(':');
  return i >= 0 ? qualified.slice(i + 1) : qualified;
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export function child(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => c.name === name);
}

export function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

export function childText(node: XmlNode, name: string): string | undefined {
  const c = child(node, name);
  return c ? c.text : undefined;
}

/** Every descendant (depth first) with this local name. */
export function descendants(node: XmlNode, name: string, out: XmlNode[] = []): XmlNode[] {
  for (const c of node.children) {
    if (c.name === name) out.push(c);
    descendants(c, name, out);
  }
  return out;
}

/** The xlink:href values of every descendant `<...Ref>` element under node (in document order). */
export function refsUnder(node: XmlNode | undefined, refName: string): string[] {
  if (!node) return [];
  return descendants(node, refName).map((r) => r.attrs.href ?? r.text).filter((h) => h !== '');
}
