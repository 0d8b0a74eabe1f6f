// A small, strict XML 1.0 parser for the XLIFF subset: elements, attributes, namespaces, text, CDATA,
// the five predefined entities and character references. Comments and processing instructions are skipped.
// DOCTYPE (and so any custom entity) is refused. Errors carry line and column.

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

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
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${message} (line ${line}, column ${column})`);
    this.name = 'XmlError';
  }
}

const NAME =
  /[A-Za-z_:\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD][\w.\-:\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C-\u200D\u203F-\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]*/y;

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

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function parseXml(input: string): XmlElement {
  const src = input.replace(/^\uFEFF/u, '').replace(/\r\n?/gu, '\n');
  let pos = 0;

  const where = (at: number) => {
    let line = 1;
    let last = -1;
    for (let i = src.indexOf('\n'); i !== -1 && i < at; i = src.indexOf('\n', i + 1)) {
      line += 1;
      last = i;
    }
    return { line, column: at - last };
  };
  const fail = (message: string, at = pos): never => {
    const { line, column } = where(at);
    throw new XmlError(message, line, column);
  };

  for (const m of src.matchAll(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu)) {
    fail(
      `character U+${m[0].codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`,
      m.index,
    );
  }

  const decode = (raw: string, at: number): string =>
    raw.replace(/&([^;&\s<]*);?/gu, (whole, name: string, offset: number) => {
      if (!whole.endsWith(';')) fail('"&" must start an entity such as &amp;', at + offset);
      if (name in PREDEFINED) return PREDEFINED[name];
      const m = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/u.exec(name);
      if (!m)
        fail(
          `unknown entity &${name}; (XML knows only &amp; &lt; &gt; &quot; &apos; and numeric references such as &#160;)`,
          at + offset,
        );
      const cp = m![1] !== undefined ? parseInt(m![1], 16) : parseInt(m![2], 10);
      if (!isXmlChar(cp)) fail(`character reference &${name}; is not an XML character`, at + offset);
      return String.fromCodePoint(cp);
    });

  const readName = (): string => {
    NAME.lastIndex = pos;
    const m = NAME.exec(src);
    if (!m) fail('expected a name');
    pos += m![0].length;
    return m![0];
  };
  const skipSpace = () => {
    while (pos < src.length && ' \t\n\r'.includes(src[pos])) pos += 1;
  };
  const expect = (s: string) => {
    if (!src.startsWith(s, pos)) fail(`expected "${s}"`);
    pos += s.length;
  };
  const skipUntil = (end: string, what: string) => {
    const at = src.indexOf(end, pos);
    if (at === -1) fail(`${what} is not closed`);
    const body = src.slice(pos, at);
    pos = at + end.length;
    return body;
  };

  /** Comments, PIs and (outside the root) whitespace. Returns false at anything else. */
  const skipMisc = (): boolean => {
    if (src.startsWith('<!--', pos)) {
      const start = pos;
      pos += 4;
      const body = skipUntil('-->', 'comment');
      if (body.includes('--')) fail('"--" is not allowed inside a comment', start);
      return true;
    }
    if (src.startsWith('<?', pos)) {
      const start = pos;
      pos += 2;
      const target = readName();
      if (target.toLowerCase() === 'xml' && start !== 0) fail('the XML declaration must come first', start);
      skipUntil('?>', 'processing instruction');
      return true;
    }
    return false;
  };

  // Prolog.
  while (pos < src.length) {
    skipSpace();
    if (src.startsWith('<!DOCTYPE', pos)) fail('DOCTYPE is not allowed');
    if (!skipMisc()) break;
  }
  if (src[pos] !== '<') fail('expected the root element');

  interface Raw {
    name: string;
    attrs: { name: string; value: string }[];
    children: (Raw | XmlText)[];
    at: number;
  }
  const stack: Raw[] = [];
  let root: Raw | null = null;

  const readStartTag = (): Raw | null => {
    const at = pos;
    pos += 1;
    const name = readName();
    const attrs: { name: string; value: string }[] = [];
    for (;;) {
      const before = pos;
      skipSpace();
      if (src.startsWith('/>', pos)) {
        pos += 2;
        const element = { name, attrs, children: [], at };
        return attach(element, true);
      }
      if (src[pos] === '>') {
        pos += 1;
        return attach({ name, attrs, children: [], at }, false);
      }
      if (pos === before) fail('expected white space between attributes');
      const attrAt = pos;
      const attrName = readName();
      skipSpace();
      expect('=');
      skipSpace();
      const quote = src[pos];
      if (quote !== '"' && quote !== "'") fail('attribute values must be quoted');
      pos += 1;
      const end = src.indexOf(quote, pos);
      if (end === -1) fail('attribute value is not closed');
      const raw = src.slice(pos, end);
      if (raw.includes('<')) fail('"<" is not allowed in an attribute value', pos + raw.indexOf('<'));
      const value = decode(raw.replace(/[\t\n\r]/gu, ' '), pos);
      pos = end + 1;
      if (attrs.some((a) => a.name === attrName)) fail(`duplicate attribute ${attrName}`, attrAt);
      attrs.push({ name: attrName, value });
    }
  };

  const attach = (element: Raw, selfClosing: boolean): Raw | null => {
    if (stack.length === 0) {
      if (root) fail('only one root element is allowed', element.at);
      root = element;
    } else stack[stack.length - 1].children.push(element);
    if (!selfClosing) stack.push(element);
    return element;
  };

  const addText = (text: string, cdata: boolean) => {
    if (text === '') return;
    const parent = stack[stack.length - 1];
    const last = parent.children[parent.children.length - 1];
    if (last && 'type' in last && last.type === 'text') {
      last.text += text;
      last.cdata = last.cdata || cdata;
    } else parent.children.push({ type: 'text', text, cdata });
  };

  // Root element and content.
  do {
    if (stack.length === 0 && root) break;
    if (src.startsWith('<![CDATA[', pos)) {
      if (stack.length === 0) fail('CDATA outside the root element');
      pos += 9;
      addText(skipUntil(']]>', 'CDATA section'), true);
    } else if (src.startsWith('</', pos)) {
      const at = pos;
      pos += 2;
      const name = readName();
      skipSpace();
      expect('>');
      const open = stack.pop();
      if (!open || open.name !== name)
        fail(open ? `</${name}> closes <${open.name}>` : `</${name}> closes nothing`, at);
    } else if (src.startsWith('<!--', pos) || src.startsWith('<?', pos)) {
      skipMisc();
    } else if (src.startsWith('<!', pos)) {
      fail('declarations are not allowed here');
    } else if (src[pos] === '<') {
      readStartTag();
    } else {
      const end = src.indexOf('<', pos);
      const raw = src.slice(pos, end === -1 ? src.length : end);
      if (raw.includes(']]>')) fail('"]]>" is not allowed in text', pos + raw.indexOf(']]>'));
      addText(decode(raw, pos), false);
      pos = end === -1 ? src.length : end;
    }
  } while (pos < src.length);
  if (stack.length > 0) fail(`<${stack[stack.length - 1].name}> is not closed`, stack[stack.length - 1].at);
  const top = root as Raw | null;
  if (!top) return fail('no root element');
  // Epilog: comments, PIs, white space.
  while (pos < src.length) {
    skipSpace();
    if (pos < src.length && !skipMisc()) fail('content after the root element');
  }

  // Namespaces.
  const resolve = (raw: Raw, scope: Map<string, string>): XmlElement => {
    const local = new Map(scope);
    for (const a of raw.attrs) {
      if (a.name === 'xmlns') local.set('', a.value);
      else if (a.name.startsWith('xmlns:')) {
        if (a.value === '') fail(`namespace prefix ${a.name.slice(6)} bound to an empty name`, raw.at);
        local.set(a.name.slice(6), a.value);
      }
    }
    const split = (qname: string, isAttribute: boolean): { local: string; ns: string | null } => {
      const colon = qname.indexOf(':');
      if (colon === -1) return { local: qname, ns: isAttribute ? null : local.get('') || null };
      const prefix = qname.slice(0, colon);
      const ns = local.get(prefix);
      if (ns === undefined) fail(`namespace prefix "${prefix}" is not declared`, raw.at);
      return { local: qname.slice(colon + 1), ns: ns! };
    };
    const { local: name, ns } = split(raw.name, false);
    const { line, column } = where(raw.at);
    const attributes = raw.attrs
      .filter((a) => a.name !== 'xmlns' && !a.name.startsWith('xmlns:'))
      .map((a) => ({ name: a.name, ...split(a.name, true), value: a.value }));
    const children = raw.children.map((c) => ('type' in c ? c : resolve(c, local)));
    return { type: 'element', name: raw.name, local: name, ns, attributes, children, line, column };
  };
  return resolve(top, new Map([['xml', XML_NS]]));
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
