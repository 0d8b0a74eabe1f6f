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
  /** "file:line:column: what is wrong; not imported" for every unit (or document fact) that was not taken in. */
  problems: string[];
  /** Units whose prefilled target came back untouched and not marked reviewed/final (not imported). */
  unchanged: number;
  /** Units whose target is empty (nothing to import). */
  untranslated: number;
}

export interface XliffImportOptions {
  /** Names the document in errors and problems. */
  file?: string;
}

/** The document cannot be read as XLIFF 2.x at all: not well-formed XML, or another vocabulary or version. */
export class XliffError extends Error {
  constructor(
    readonly reason: string,
    readonly file: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${file}:${line !== undefined ? `${line}:${column ?? 1}:` : ''} ${reason}`);
    this.name = 'XliffError';
  }
}

const collapse = (s: string) => s.replace(/[ \t\n\r]+/gu, ' ').trim();

/** A segment id as export-xliff writes it: the first 16 hex digits of the SHA-256 of the Chinese. */
const SEGMENT_ID = /^[0-9a-f]{16}$/u;

function spaceOf(element: XmlElement, inherited: boolean): boolean {
  const value = attribute(element, 'space', XML_NS);
  return value === 'preserve' ? true : value === 'default' ? false : inherited;
}

/**
 * Text of <source>/<target>: text and CDATA, <cp hex> as its character, text inside <pc>/<mrk>; <ph>, <sc>, <ec> have
 * none.
 */
function inlineText(element: XmlElement, problem: (at: XmlElement, message: string) => void): string {
  let out = '';
  for (const child of element.children) {
    if (child.type === 'text') out += child.text;
    else if (child.ns === XLIFF_NS && child.local === 'cp') {
      const hex = attribute(child, 'hex') ?? '';
      const cp = /^[0-9A-Fa-f]{1,6}$/u.test(hex) ? parseInt(hex, 16) : NaN;
      if (Number.isNaN(cp) || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        problem(child, `<cp hex="${hex}"> is not a code point; the unit is not imported`);
      else out += String.fromCodePoint(cp);
    } else if (child.ns === XLIFF_NS && ['ph', 'sc', 'ec', 'sm', 'em'].includes(child.local)) continue;
    else out += inlineText(child, problem);
  }
  return out;
}

interface FoundUnit {
  unit: XmlElement;
  preserve: boolean;
}

export function importXliff(xml: string, options: XliffImportOptions = {}): XliffImportResult {
  const file = options.file ?? '<xliff>';
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    if (error instanceof XmlError)
      throw new XliffError(`not well-formed XML: ${error.reason}`, file, error.line, error.column);
    throw error;
  }
  const fatal = (reason: string): never => {
    throw new XliffError(reason, file, root.line, root.column);
  };
  if (root.local !== 'xliff' || root.ns !== XLIFF_NS)
    fatal(
      `not an XLIFF 2.0 document: the root is <${root.name}>${root.ns ? ` in ${root.ns}` : ''}, expected <xliff xmlns="${XLIFF_NS}">`,
    );
  const version = attribute(root, 'version');
  if (!version || !/^2\.\d+$/u.test(version)) fatal(`not an XLIFF 2.x document: version="${version ?? ''}"`);

  const found: { line: number; column: number; message: string }[] = [];
  const report = (at: XmlElement, message: string) => found.push({ line: at.line, column: at.column, message });
  const translations: ImportedTranslation[] = [];
  const byId = new Map<string, ImportedTranslation>();
  let unchanged = 0;
  let untranslated = 0;
  if (!attribute(root, 'srcLang')) report(root, '<xliff> has no srcLang (required by XLIFF 2.0)');
  const trgLang = attribute(root, 'trgLang');
  if (trgLang && !/^en\b/iu.test(trgLang)) report(root, `trgLang is "${trgLang}", not English`);

  const unitsOf = (container: XmlElement, preserve: boolean, out: FoundUnit[]): void => {
    for (const child of childElements(container, XLIFF_NS)) {
      const p = spaceOf(child, preserve);
      if (child.local === 'unit') out.push({ unit: child, preserve: p });
      else if (child.local === 'group') unitsOf(child, p, out);
      else if (!['notes', 'skeleton'].includes(child.local))
        report(child, `<${child.local}> does not belong in <${container.local}>; its content is not imported`);
    }
  };

  const files = childElements(root, XLIFF_NS, 'file');
  if (files.length === 0) report(root, 'the document has no <file>');
  const fileIds = new Set<string>();
  for (const fileElement of files) {
    const fileId = attribute(fileElement, 'id') ?? '';
    if (!fileId) report(fileElement, '<file> without id');
    else if (fileIds.has(fileId)) report(fileElement, `file id "${fileId}" is used twice`);
    fileIds.add(fileId);
    const units: FoundUnit[] = [];
    unitsOf(fileElement, spaceOf(fileElement, spaceOf(root, false)), units);
    const unitIds = new Set<string>();
    for (const { unit, preserve } of units) {
      const id = attribute(unit, 'id') ?? '';
      const label = `file ${fileId || '?'}, unit ${id || '?'}`;
      const problem = (at: XmlElement, message: string) => report(at, `${label}: ${message}`);
      if (!id) {
        problem(unit, 'unit without id; not imported');
        continue;
      }
      if (unitIds.has(id)) {
        problem(unit, 'unit id used twice in the file; the second is not imported');
        continue;
      }
      unitIds.add(id);
      if (!SEGMENT_ID.test(id)) {
        problem(unit, 'the unit id is not a segment id written by export-xliff (16 hex digits); not imported');
        continue;
      }
      const parts = unit.children.filter(
        (c): c is XmlElement =>
          c.type === 'element' && c.ns === XLIFF_NS && (c.local === 'segment' || c.local === 'ignorable'),
      );
      if (!parts.some((p) => p.local === 'segment')) {
        problem(unit, 'unit without <segment>; not imported');
        continue;
      }
      let zh = '';
      // XLIFF 2.0 <target order="n">: the target goes to the n-th place of the unit's parts in the translation.
      const targets = new Map<number, { text: string; preserve: boolean }>();
      let reviewed = false;
      let broken = false;
      const reported = found.length;
      parts.forEach((part, index) => {
        const partSpace = spaceOf(part, preserve);
        const [source] = childElements(part, XLIFF_NS, 'source');
        const [target] = childElements(part, XLIFF_NS, 'target');
        if (!source) {
          problem(part, `<${part.local}> without <source>; the unit is not imported`);
          broken = true;
        } else zh += inlineText(source, problem);
        if (target) {
          const order = attribute(target, 'order');
          const place = order === undefined ? index + 1 : /^[1-9]\d*$/u.test(order) ? Number(order) : NaN;
          if (!(place <= parts.length) || targets.has(place)) {
            problem(
              target,
              `<target order="${order ?? ''}"> names no free place among ${parts.length}; the unit is not imported`,
            );
            broken = true;
          } else targets.set(place, { text: inlineText(target, problem), preserve: spaceOf(target, partSpace) });
        }
        if (['reviewed', 'final'].includes(attribute(part, 'state') ?? '')) reviewed = true;
      });
      if (broken || found.length > reported) continue;
      const ordered = [...targets].sort(([a], [b]) => a - b).map(([, t]) => t);
      // xml:space="default" (XLIFF's default): a hand-edited target may be re-indented, so white space runs count as
      // one space.
      const en = ordered.every((t) => t.preserve)
        ? ordered.map((t) => t.text).join('')
        : ordered
            .map((t) => (t.preserve ? t.text : collapse(t.text)))
            .filter((t) => t !== '')
            .join(' ');
      if (en.trim() === '') {
        untranslated += 1;
        continue;
      }
      // The id is the hash of the Chinese: a mismatch means the source was edited or the unit belongs elsewhere.
      const source = [zh, collapse(zh)].find((c) => segmentId(c) === id);
      if (source === undefined) {
        problem(unit, 'the source text does not match the unit id (source edited, or id changed); not imported');
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
          problem(unit, 'another unit with the same id has a different target; the first is kept');
        continue;
      }
      byId.set(id, translation);
      translations.push(translation);
    }
  }
  // In the order of the document, as an editor would go through them.
  const problems = found
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .map((p) => `${file}:${p.line}:${p.column}: ${p.message}`);
  return { translations, problems, unchanged, untranslated };
}
