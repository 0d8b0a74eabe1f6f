// Stage clean: classify each line, then apply the text rules in order; every change is an edit on the original.
import type { VFileMessage } from 'vfile-message';
import { diagnostic } from '../diagnostics.ts';
import type { CleanedSource, CleanLine, IngestedSource, SourceMetadataLine, StageResult } from '../types.ts';
import { applyEdits, CleanDocument, codePointIndex, METADATA_ROLES, REMOVED_ROLES, toEdit, toFlag } from './document.ts';
import { lineRules } from './lineRules.ts';
import type { LineContext } from './lines/lineRule.ts';
import { visibleContent } from './lines/lineRule.ts';
import { cleanRules } from './rules.ts';

export function classifyLines(doc: CleanDocument): void {
  const nonBlank = doc.nonBlank();
  for (const pass of [1, 2] as const) {
    nonBlank.forEach((line, i) => {
      if (pass === 2 && line.role !== 'body') return;
      const context: LineContext = { lines: doc.lines, before: nonBlank.slice(0, i).reverse(), after: nonBlank.slice(i + 1) };
      const content = visibleContent(line.text);
      for (const rule of lineRules) {
        if (rule.pass !== pass) continue;
        const verdict = rule.classify(content, line, context);
        if (verdict) {
          line.role = verdict.role;
          line.roleRule = rule.id;
          line.roleReason = verdict.reason;
          break;
        }
      }
    });
  }
}

export function clean(source: IngestedSource): StageResult<CleanedSource> {
  const messages: VFileMessage[] = [];
  const doc = new CleanDocument(source.text);
  classifyLines(doc);
  for (const rule of cleanRules) rule.apply(doc);

  const cp = codePointIndex(doc.text);
  const { text, origin } = applyEdits(doc.text, doc.edits);
  const edits = doc.edits.map((e) => toEdit(e, doc.text, cp)).sort((a, b) => a.start - b.start);
  const flags = doc.flags.map((f) => toFlag(f, doc.text, cp)).sort((a, b) => a.start - b.start);

  // Lines of the cleaned text, each with the role of the original line it starts in.
  const lines: CleanLine[] = [];
  let at = 0;
  for (const piece of text.split('\n')) {
    if (piece.trim() !== '') {
      const originStart = origin[at];
      const raw = doc.lines.find((l) => l.start <= originStart && originStart <= l.end) ?? doc.lines[0];
      lines.push({ role: raw.role, text: piece, start: cp(originStart), end: cp(origin[at + piece.length - 1] + 1) });
    }
    at += piece.length + 1;
  }

  // Metadata lines and inline bylines, anchored to the kept line they stand before.
  const metadata: SourceMetadataLine[] = [];
  const anchor = (offset: number) => {
    const idx = lines.findIndex((l) => l.start >= offset);
    return idx === -1 ? lines.length : idx;
  };
  for (const line of doc.lines) {
    if (!METADATA_ROLES.has(line.role)) continue;
    const start = cp(line.start);
    metadata.push({ kind: line.role as SourceMetadataLine['kind'], text: visibleContent(line.text), start, beforeLine: anchor(start) });
  }
  for (const e of doc.edits) {
    if (e.rule !== 'inline-byline') continue;
    const start = cp(e.start);
    metadata.push({ kind: 'byline', text: doc.text.slice(e.start, e.end).trim(), start, beforeLine: anchor(start) });
  }
  metadata.sort((a, b) => a.start - b.start);

  for (const flag of flags) {
    messages.push(diagnostic({ file: source.file, rule: flag.rule, severity: 'warning', reason: `${flag.reason}: "${flag.text}"${flag.suggestion !== null ? ` (suggest "${flag.suggestion}")` : ''}`, text: source.text, start: flag.start, end: flag.end }));
  }
  const removedLines = doc.lines.filter((l) => REMOVED_ROLES.has(l.role)).length;
  if (lines.length === 0) {
    messages.push(diagnostic({ file: source.file, rule: 'no-body', severity: 'error', reason: `nothing is left after cleaning (${removedLines} lines were debris or metadata)`, text: source.text, start: 0 }));
  }
  return { value: { source, text, lines, metadata, edits, flags }, messages };
}
