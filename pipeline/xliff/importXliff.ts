// XLIFF 2.0 import: unit id, source and target of each unit, as a translator or reviewer left them.
// Strict: a document that is not well-formed XML, or not XLIFF 2.x, throws; per-unit trouble goes to `problems`.
import { segmentId } from '../domain/segment.ts';
import { BRIEFINGS_NS, XLIFF_NS, prefillHash } from './exportXliff.ts';
import { attribute, childElements, parseXml, XML_NS, XmlError, type XmlElement } from './xml.ts';

export interface ImportedTranslation {
  id: string;
  zh: string;
  en: string;
}

export interface XliffImportResult {
  translations: ImportedTranslation[];
  problems: string[];
  /** Units whose prefilled target came back untouched and not marked reviewed/final (not imported). */
  unchanged: number;
}

export class XliffError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XliffError';
  }
}

const collapse = (s: string) => s.replace(/[ \t\n\r]+/gu, ' ').trim();

function spaceOf(element: XmlElement, inherited: boolean): boolean {
  const value = attribute(element, 'space', XML_NS);
  return value === 'preserve' ? true : value === 'default' ? false : inherited;
}

/**
 * Text of <source>/<target>: text and CDATA, <cp hex> as its character, text inside <pc>/<mrk>; <ph>, <sc>, <ec> have
 * none.
 */
function inlineText(element: XmlElement, problems: string[], where: string): string {
  let out = '';
  for (const child of element.children) {
    if (child.type === 'text') out += child.text;
    else if (child.ns === XLIFF_NS && child.local === 'cp') {
      const hex = attribute(child, 'hex') ?? '';
      const cp = /^[0-9A-Fa-f]{1,6}$/u.test(hex) ? parseInt(hex, 16) : NaN;
      if (Number.isNaN(cp) || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        problems.push(`${where}: <cp hex="${hex}"> is not a code point`);
      else out += String.fromCodePoint(cp);
    } else if (child.ns === XLIFF_NS && ['ph', 'sc', 'ec'].includes(child.local)) continue;
    else out += inlineText(child, problems, where);
  }
  return out;
}

function unitsOf(container: XmlElement, preserve: boolean, out: { unit: XmlElement; preserve: boolean }[]): void {
  for (const child of childElements(container, XLIFF_NS)) {
    const p = spaceOf(child, preserve);
    if (child.local === 'unit') out.push({ unit: child, preserve: p });
    else if (child.local === 'group') unitsOf(child, p, out);
  }
}

export function importXliff(xml: string): XliffImportResult {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    if (error instanceof XmlError) throw new XliffError(`not well-formed XML: ${error.message}`);
    throw error;
  }
  if (root.local !== 'xliff' || root.ns !== XLIFF_NS) {
    throw new XliffError(
      `not an XLIFF 2.0 document: the root is <${root.name}>${root.ns ? ` in ${root.ns}` : ''}, expected <xliff xmlns="${XLIFF_NS}">`,
    );
  }
  const version = attribute(root, 'version');
  if (!version || !/^2\.\d+$/u.test(version))
    throw new XliffError(`not an XLIFF 2.x document: version="${version ?? ''}"`);

  const problems: string[] = [];
  const translations: ImportedTranslation[] = [];
  const byId = new Map<string, ImportedTranslation>();
  let unchanged = 0;
  if (!attribute(root, 'srcLang')) problems.push('<xliff> has no srcLang (required by XLIFF 2.0)');
  const trgLang = attribute(root, 'trgLang');
  if (trgLang && !/^en\b/iu.test(trgLang)) problems.push(`trgLang is "${trgLang}", not English`);

  const files = childElements(root, XLIFF_NS, 'file');
  if (files.length === 0) problems.push('the document has no <file>');
  const fileIds = new Set<string>();
  for (const file of files) {
    const fileId = attribute(file, 'id') ?? '';
    if (!fileId) problems.push(`<file> without id (line ${file.line})`);
    else if (fileIds.has(fileId)) problems.push(`file id "${fileId}" is used twice (line ${file.line})`);
    fileIds.add(fileId);
    const units: { unit: XmlElement; preserve: boolean }[] = [];
    unitsOf(file, spaceOf(file, spaceOf(root, false)), units);
    const unitIds = new Set<string>();
    for (const { unit, preserve } of units) {
      const id = attribute(unit, 'id') ?? '';
      const where = `file ${fileId || '?'}, unit ${id || '?'} (line ${unit.line})`;
      if (!id) {
        problems.push(`${where}: unit without id`);
        continue;
      }
      if (unitIds.has(id)) {
        problems.push(`${where}: unit id used twice in the file; the second is ignored`);
        continue;
      }
      unitIds.add(id);
      const parts = unit.children.filter(
        (c): c is XmlElement =>
          c.type === 'element' && c.ns === XLIFF_NS && (c.local === 'segment' || c.local === 'ignorable'),
      );
      if (!parts.some((p) => p.local === 'segment')) {
        problems.push(`${where}: unit without <segment>`);
        continue;
      }
      let zh = '';
      const targets: { text: string; preserve: boolean }[] = [];
      let reviewed = false;
      let missingSource = false;
      for (const part of parts) {
        const partSpace = spaceOf(part, preserve);
        const [source] = childElements(part, XLIFF_NS, 'source');
        const [target] = childElements(part, XLIFF_NS, 'target');
        if (!source) missingSource = true;
        else zh += inlineText(source, problems, where);
        if (target) {
          targets.push({ text: inlineText(target, problems, where), preserve: spaceOf(target, partSpace) });
        }
        if (['reviewed', 'final'].includes(attribute(part, 'state') ?? '')) reviewed = true;
      }
      if (missingSource) {
        problems.push(`${where}: <segment> without <source>`);
        continue;
      }
      // xml:space="default" (XLIFF's default): a hand-edited target may be re-indented, so white space runs count as
      // one space.
      const en = targets.every((t) => t.preserve)
        ? targets.map((t) => t.text).join('')
        : targets
            .map((t) => (t.preserve ? t.text : collapse(t.text)))
            .filter((t) => t !== '')
            .join(' ');
      if (en.trim() === '') continue;
      // The id is the hash of the Chinese: a mismatch means the source was edited or the unit belongs elsewhere.
      const candidates = [zh, collapse(zh)];
      const source = candidates.find((c) => segmentId(c) === id);
      if (source === undefined) {
        problems.push(
          `${where}: the source text does not match the unit id (source edited, or id changed); not imported`,
        );
        continue;
      }
      const prefill = attribute(unit, 'prefill', BRIEFINGS_NS);
      if (prefill && !reviewed && prefillHash(en) === prefill) {
        unchanged += 1;
        continue;
      }
      const translation = { id, zh: source.normalize('NFC'), en: en.normalize('NFC') };
      const earlier = byId.get(id);
      if (earlier) {
        if (earlier.en !== translation.en)
          problems.push(`${where}: another unit with the same id has a different target; the first is kept`);
        continue;
      }
      byId.set(id, translation);
      translations.push(translation);
    }
  }
  return { translations, problems, unchanged };
}
