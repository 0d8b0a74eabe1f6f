// XLIFF 2.0 export of segments that still want a human translation: one <file> per article, one <unit> per segment.
// Prefilled targets (rule, memory, engine) carry brf:prefill, a hash of the prefill, so that importXliff can tell
// an untouched prefill from a reviewer's translation.
import { createHash } from 'node:crypto';
import type { Segment } from '../domain/types.ts';
import { escapeAttribute, escapeText, isXmlChar } from './xml.ts';

export const XLIFF_NS = 'urn:oasis:names:tc:xliff:document:2.0';
/** Our extension namespace (XLIFF 2.0 allows attributes from other namespaces on <unit>). */
export const BRIEFINGS_NS = 'urn:briefings:xliff:1';

export interface XliffNote {
  category: string;
  text: string;
}

export interface XliffUnitInput {
  segment: Segment;
  articleId: string;
  /** "term: 两个确立 → the "Two Establishments"", "memory (0.92): …", "context: …", or {category, text}. */
  notes: (string | XliffNote)[];
}

export interface XliffExportOptions {
  srcLang?: string;
  trgLang?: string;
}

/** Hash of an English text as importXliff compares it (white space collapsed, NFC). */
export function prefillHash(en: string): string {
  const normal = en
    .replace(/[ \t\n\r]+/gu, ' ')
    .trim()
    .normalize('NFC');
  return createHash('sha256').update(normal).digest('hex').slice(0, 16);
}

/** "term: …" → {category: "term", text: "…"}; "memory (0.92): …" → category "memory"; otherwise "comment". */
export function toNote(note: string | XliffNote): XliffNote {
  if (typeof note !== 'string') return note;
  const m = /^([A-Za-z][\w-]*)(?:\s*\([^)]*\))?:\s*/u.exec(note);
  return m
    ? { category: m[1].toLowerCase(), text: note.slice(m[1].length).replace(/^:\s*/u, '').trim() }
    : { category: 'comment', text: note };
}

/** Text content with characters XML cannot hold written as XLIFF <cp hex="…"/>. */
function inline(text: string): string {
  let out = '';
  let run = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0xfffd;
    if (cp >= 0xd800 && cp <= 0xdfff) run += '\uFFFD';
    else if (cp === 0xd) {
      // Valid XML, but a parser would turn it into a line feed: a character reference keeps it.
      out += `${escapeText(run)}&#13;`;
      run = '';
    } else if (isXmlChar(cp)) run += ch;
    else {
      out += `${escapeText(run)}<cp hex="${cp.toString(16).toUpperCase().padStart(4, '0')}"/>`;
      run = '';
    }
  }
  return out + escapeText(run);
}

/** Note text and attributes cannot hold <cp>: characters XML does not allow become U+FFFD. */
const plain = (s: string) => [...s].map((ch) => (isXmlChar(ch.codePointAt(0) ?? 0) ? ch : '\uFFFD')).join('');

/**
 * An NMTOKEN for <file id>: ASCII letters, digits, . - _ : kept, anything else "_" (validators that follow XML 1.0
 * before its fifth edition refuse many CJK letters in names); <file original> keeps the article id as it is.
 */
function fileId(articleId: string): string {
  const id = articleId.replace(/[^A-Za-z0-9._:-]/gu, '_');
  return id === '' ? '_' : id;
}

export function exportXliff(units: readonly XliffUnitInput[], options: XliffExportOptions = {}): string {
  const srcLang = options.srcLang ?? 'zh-CN';
  const trgLang = options.trgLang ?? 'en';
  interface Unit {
    segment: Segment;
    notes: XliffNote[];
  }
  const files = new Map<string, { articleId: string; units: Unit[] }>();
  const seen = new Map<string, Unit>();
  const usedFileIds = new Set<string>();
  const fileIdOf = new Map<string, string>();

  for (const { segment, articleId, notes } of units) {
    if (segment.enStatus === 'reviewed' || segment.zh.trim() === '') continue;
    const existing = seen.get(segment.id);
    if (existing) {
      // Equal texts share an id and so one translation: one unit, the other places named in a note.
      const note = { category: 'context', text: `also in ${articleId}` };
      if (!existing.notes.some((n) => n.category === note.category && n.text === note.text)) existing.notes.push(note);
      continue;
    }
    let id = fileIdOf.get(articleId);
    if (id === undefined) {
      id = fileId(articleId);
      for (let n = 2; usedFileIds.has(id); n += 1) id = `${fileId(articleId)}_${n}`;
      usedFileIds.add(id);
      fileIdOf.set(articleId, id);
      files.set(id, { articleId, units: [] });
    }
    const unit: Unit = { segment, notes: notes.map(toNote).filter((n) => n.text.trim() !== '') };
    if (segment.enNote) unit.notes.push({ category: 'status', text: `${segment.enStatus}: ${segment.enNote}` });
    seen.set(segment.id, unit);
    files.get(id)?.units.push(unit);
  }
  if (files.size === 0)
    throw new Error(
      'exportXliff: nothing to export (no segment without a reviewed translation); XLIFF 2.0 needs at least one <file> with one <unit>',
    );

  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff xmlns="${XLIFF_NS}" xmlns:brf="${BRIEFINGS_NS}" version="2.0" srcLang="${escapeAttribute(srcLang)}" trgLang="${escapeAttribute(trgLang)}">`,
  ];
  for (const [id, file] of files) {
    lines.push(` <file id="${escapeAttribute(id)}" original="${escapeAttribute(plain(file.articleId))}">`);
    for (const { segment, notes } of file.units) {
      const en = segment.en !== null && segment.en.trim() !== '' ? segment.en : null;
      lines.push(
        `  <unit id="${escapeAttribute(segment.id)}"${en !== null ? ` brf:prefill="${prefillHash(en)}"` : ''}>`,
      );
      if (notes.length > 0) {
        lines.push('   <notes>');
        for (const note of notes)
          lines.push(
            `    <note category="${escapeAttribute(plain(note.category))}">${escapeText(plain(note.text))}</note>`,
          );
        lines.push('   </notes>');
      }
      lines.push(`   <segment state="${en !== null ? 'translated' : 'initial'}">`);
      lines.push(`    <source>${inline(segment.zh)}</source>`);
      lines.push(`    <target>${en !== null ? inline(en) : ''}</target>`);
      lines.push('   </segment>');
      lines.push('  </unit>');
    }
    lines.push(' </file>');
  }
  lines.push('</xliff>');
  return `${lines.join('\n')}\n`;
}
