// XML for XLIFF: saxes (a streaming, conformant XML 1.0 parser with namespaces) builds a small element tree in one
// pass. Comments and processing instructions are dropped; DOCTYPE (and so any custom entity) is refused. Errors carry
// the file name, line and column.
import { SaxesParser, type SaxesTagNS } from 'saxes';

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

export interface XmlAttribute {
  name: string;
  local: string;
  ns: string | null;
  value: string;
}

export interface XmlElement {
  type: 'element';
  name: string;
  local: string;
  ns: string | null;
  attributes: XmlAttribute[];
  children: XmlNode[];
  /** Where the start tag begins ("<"), 1-based. */
  line: number;
  column: number;
}

export interface XmlText {
  type: 'text';
  text: string;
  cdata: boolean;
}

export type XmlNode = XmlElement | XmlText;

export class XmlError extends Error {
  constructor(
    /** What is wrong, without the position. */
    readonly reason: string,
    readonly line: number,
    readonly column: number,
    readonly file?: string,
  ) {
    super(`${file ? `${file}:` : ''}${line}:${column}: ${reason}`);
    this.name = 'XmlError';
  }
}

/** Characters XML 1.0 allows in a document. */
export function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

const ENTITY_HINT = 'XML knows only &amp; &lt; &gt; &quot; &apos; and numeric references such as &#160;';

/** Line and column (1-based, in characters) of offsets into one text, asked in increasing order: one pass in all. */
function lineCounter(src: string) {
  let offset = 0;
  let line = 1;
  let column = 1;
  return (to: number): { line: number; column: number } => {
    if (to < offset) [offset, line, column] = [0, 1, 1];
    for (; offset < to; offset += 1) {
      const c = src.charCodeAt(offset);
      if (c === 0x0a || (c === 0x0d && src.charCodeAt(offset + 1) !== 0x0a)) [line, column] = [line + 1, 1];
      else if (c !== 0x0d && (c < 0xdc00 || c > 0xdfff)) column += 1; // a low surrogate ends a character begun before
    }
    return { line, column };
  };
}

// An "&" that starts no reference, outside CDATA, comments and processing instructions. saxes reads such an "&" as
// the start of a name up to the next ";", so it reports the trouble far away; this finds where it began.
const REFERENCE = String.raw`(?:[A-Za-z_:\u00C0-\uFFFF][\w.:\u00B7-\uFFFF-]*|#[0-9]+|#x[0-9A-Fa-f]+);`;
const BARE_AMPERSAND = new RegExp(
  String.raw`<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|&(?!${REFERENCE})`,
  'gu',
);

function bareAmpersand(src: string, before: number): number {
  BARE_AMPERSAND.lastIndex = 0;
  for (let m = BARE_AMPERSAND.exec(src); m && m.index < before; m = BARE_AMPERSAND.exec(src))
    if (m[0] === '&') return m.index;
  return -1;
}

/** saxes says what broke in a few words; this adds what the writer of the file needs to find and fix it. */
function explain(message: string, src: string, at: number, open: XmlElement | undefined, rooted: boolean): string {
  const reference = () => {
    const start = src.lastIndexOf('&', at);
    return start === -1 ? '' : src.slice(start, Math.min(at, start + 40)).replace(/;?$/u, ';');
  };
  const closing = () => /^<\/([^\s>]*)/u.exec(src.slice(Math.max(0, src.lastIndexOf('</', at - 1))))?.[1] ?? '';
  if (message.startsWith('unclosed tag: ') && open)
    return `<${open.name}> (line ${open.line}, column ${open.column}) is not closed`;
  switch (message) {
    case 'undefined entity.':
      return `unknown entity ${reference()} (${ENTITY_HINT})`;
    case 'malformed character entity.':
      return `character reference ${reference()} is not an XML character`;
    case 'unexpected close tag.':
      return `</${closing()}> closes ${open ? `<${open.name}> (line ${open.line}, column ${open.column})` : 'nothing'}`;
    case 'documents may contain only one root.':
    case 'text data outside of root node.':
      return rooted
        ? 'content after the root element (a document has exactly one root element)'
        : 'text before the root element';
    case 'disallowed character in tag name':
      return 'no tag name after "<" (a "<" in text is written &lt;)';
    case 'disallowed character.':
      return 'character not allowed here (a "<" in an attribute value is written &lt;; control characters not at all)';
    default:
      return message.replace(/\.$/u, '');
  }
}

/** Parses a whole document; `file` names it in errors. */
export function parseXml(input: string, file?: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true, defaultXMLVersion: '1.0', forceXMLVersion: true });
  const stack: XmlElement[] = [];
  const where = lineCounter(input);
  let root: XmlElement | null = null;
  // saxes hands a mismatched end tag's open element to "closetag" before it reports the mismatch.
  let closed: XmlElement | undefined;
  let start = { line: 1, column: 1 };

  const fail = (reason: string, line = parser.line, column = Math.max(1, parser.column)): never => {
    throw new XmlError(reason, line, column, file);
  };
  parser.on('error', (error) => {
    const ampersand = bareAmpersand(input, parser.position);
    if (ampersand !== -1) {
      const at = lineCounter(input)(ampersand);
      fail(`"&" must start an entity such as &amp; (${ENTITY_HINT})`, at.line, at.column);
    }
    const message = error.message.replace(/^\d+:\d+: /u, '');
    const open = message === 'unexpected close tag.' ? closed : stack.at(-1);
    const reason = explain(message, input, parser.position, open, root !== null);
    if (message.endsWith('entity.')) {
      // Point at the "&" that starts the reference, not at its end.
      const at = lineCounter(input)(Math.max(0, input.lastIndexOf('&', parser.position)));
      fail(reason, at.line, at.column);
    }
    fail(reason);
  });
  parser.on('doctype', () => fail('DOCTYPE is not allowed (XLIFF needs none, and it could declare entities)'));
  parser.on('opentagstart', (tag) => {
    // The parser stands just after "<name" and the character that ended the name.
    start = where(Math.max(0, input.lastIndexOf(`<${tag.name}`, parser.position)));
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attributes: XmlAttribute[] = [];
    for (const a of Object.values(tag.attributes))
      if (a.uri !== XMLNS_NS) attributes.push({ name: a.name, local: a.local, ns: a.uri || null, value: a.value });
    const element: XmlElement = {
      type: 'element',
      name: tag.name,
      local: tag.local,
      ns: tag.uri || null,
      attributes,
      children: [],
      ...start,
    };
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on('closetag', () => {
    closed = stack.pop();
  });
  const addText = (text: string, cdata: boolean) => {
    const parent = stack.at(-1);
    if (!parent || text === '') return; // white space around the root
    const last = parent.children.at(-1);
    if (last?.type === 'text') {
      last.text += text;
      last.cdata ||= cdata;
    } else parent.children.push({ type: 'text', text, cdata });
  };
  parser.on('text', (text) => addText(text, false));
  parser.on('cdata', (text) => addText(text, true));

  parser.write(input).close();
  const top = root as XmlElement | null;
  if (!top) return fail('no root element');
  return top;
}

export function attribute(element: XmlElement, local: string, ns: string | null = null): string | undefined {
  return element.attributes.find((a) => a.local === local && a.ns === ns)?.value;
}

export function childElements(element: XmlElement, ns: string | null, local?: string): XmlElement[] {
  return element.children.filter(
    (c): c is XmlElement => c.type === 'element' && c.ns === ns && (local === undefined || c.local === local),
  );
}

/** Text content as written (&lt;, CDATA, etc. already decoded). */
export function textContent(node: XmlNode): string {
  return node.type === 'text' ? node.text : node.children.map(textContent).join('');
}

/** Escapes text content: & < > (">" too, so "]]>" can never appear). */
export function escapeText(s: string): string {
  return s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
}

/** Escapes an attribute value (either quote), including tabs and line ends, which would otherwise be normalised. */
export function escapeAttribute(s: string): string {
  return escapeText(s)
    .replace(/"/gu, '&quot;')
    .replace(/'/gu, '&apos;')
    .replace(/\t/gu, '&#9;')
    .replace(/\n/gu, '&#10;')
    .replace(/\r/gu, '&#13;');
}
