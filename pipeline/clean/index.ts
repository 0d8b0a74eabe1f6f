// Stage clean: classify each line, then apply the text rules in order; every change is an edit on the original.
import type { VFileMessage } from 'vfile-message';
import { diagnostic } from '../domain/diagnostics.ts';
import type { CleanedSource, CleanLine, IngestedSource, SourceMetadataLine, StageResult } from '../domain/types.ts';
import {
  applyEdits,
  CleanDocument,
  codePointIndex,
  METADATA_ROLES,
  REMOVED_ROLES,
  toEdit,
  toFlag,
  type PendingEdit,
  type RawLine,
} from './document.ts';
import { lineRules } from './lineRules.ts';
import type { LineContext } from './lines/lineRule.ts';
import { CONTEXT_WINDOW, forgetVisibleContent, visibleContent } from './lines/lineRule.ts';
import { FURNITURE_RULES, linePositions } from './lines/articleShape.ts';
import { postingHead } from './lines/sourceLine.ts';
import { wrappedTitleLines } from './lines/wrappedTitle.ts';
import { forgetFurnitureEvidence, furnitureEvidence } from './lines/furnitureEvidence.ts';
import { closeSpacedRoles } from './lines/bylineLine.ts';
import { forgetWindows } from '../domain/wordSegmenter.ts';
import { INLINE_BYLINE } from './rules/extractInlineByline.ts';
import { cleanRules } from './rules.ts';
import type { CleanContext } from './repairReview.ts';

export function classifyLines(doc: CleanDocument): void {
  const nonBlank = doc.nonBlank();
  for (const pass of [1, 2] as const) {
    // tailIsShort[i]: every line after i is debris or a word or two long.
    const tailIsShort: boolean[] = new Array(nonBlank.length).fill(true);
    for (let i = nonBlank.length - 2; i >= 0; i -= 1) {
      const next = nonBlank[i + 1];
      tailIsShort[i] = tailIsShort[i + 1] && (next.role === 'debris' || [...next.text.trim()].length <= 6);
    }
    // Where the text is, from the roles so far: pass 2 reads each line's place relative to the article's text.
    const { zone, toText } = linePositions(nonBlank);
    nonBlank.forEach((line, i) => {
      if (pass === 2 && line.role !== 'body') return;
      const context: LineContext = {
        lines: doc.lines,
        before: nonBlank.slice(Math.max(0, i - CONTEXT_WINDOW), i).reverse(),
        after: nonBlank.slice(i + 1, i + 1 + CONTEXT_WINDOW),
        tailIsShort: tailIsShort[i],
        zone: zone[i],
        toText: toText[i],
      };
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

/** The rule id of posting metadata cut from the head of a paragraph it was glued to. */
export const POSTING_HEAD_RULE = 'extract-posting-head';

/** Why a piece of a paragraph became a metadata line. */
const extractedBecause: Record<string, string> = {
  [POSTING_HEAD_RULE]: 'source and publication time glued in front of the first paragraph',
  'inline-byline': 'byline or dateline at the head or end of a paragraph',
};

/** A title wrapped over headline lines (…低空经济 / 高质量发展三年行动方案 / （2025—2027年）) is joined into one line. */
export function joinWrappedTitles(doc: CleanDocument): void {
  const kept = doc.keptLines();
  for (let i = 0; i + 1 < kept.length; i += 1) {
    const n = wrappedTitleLines(kept, i);
    if (n === 1) continue;
    for (let k = i; k < i + n - 1; k += 1) joinTitleLines(doc, kept[k], kept[k + 1]);
    i += n - 2;
  }
}

function joinTitleLines(doc: CleanDocument, line: RawLine, next: RawLine): void {
  const [, end] = doc.trimmedRange(line);
  const [start] = doc.trimmedRange(next);
  if (doc.text.slice(end, start).trim() !== '') return;
  doc.propose({
    rule: 'join-wrapped-title',
    op: 'join',
    start: end,
    end: start,
    after: '',
    confidence: 0.9,
    reason: "headline: a document's title wrapped over lines, joined into one title",
  });
}

/** 时间：… 来源：… glued in front of the first paragraph: the fields leave as a source line, the paragraph stays. */
export function extractPostingHeads(doc: CleanDocument): void {
  for (const line of doc.keptLines()) {
    if (line.role !== 'body') continue;
    const [s, e] = doc.trimmedRange(line);
    const text = doc.text.slice(s, e);
    const content = visibleContent(text);
    const head = postingHead(content);
    if (head === 0 || head >= content.length || !furnitureEvidence(content.slice(head)).sentenceLike) continue;
    const start = s + text.indexOf(content);
    doc.propose({
      rule: POSTING_HEAD_RULE,
      op: 'extract',
      start,
      end: start + head,
      after: '',
      confidence: 0.9,
      reason: 'source-line: source and publication time glued in front of the first paragraph',
    });
    // The paragraph's own byline (本报讯（记者 …）) now heads it: extracted whole, as at any paragraph's head.
    const byline = INLINE_BYLINE.exec(content.slice(head));
    if (byline && head + byline[0].length < content.length)
      doc.propose({
        rule: 'inline-byline',
        op: 'extract',
        start: start + head,
        end: start + head + byline[0].length,
        after: '',
        confidence: 0.95,
        reason: 'byline or dateline at the head of a paragraph moved to metadata',
      });
  }
}

/** One pass: classify, then every text rule in order. */
export function runCleanRules(text: string, context: CleanContext = {}): CleanDocument {
  const doc = new CleanDocument(text, context);
  classifyLines(doc);
  extractPostingHeads(doc);
  joinWrappedTitles(doc);
  for (const rule of cleanRules) rule.apply(doc);
  return doc;
}

/** Rules whose second-pass edits are folded back into the log (character repairs, not line roles). */
const REPAIR_RULES = new Set(cleanRules.filter((r) => r.repair).map((r) => r.id));

/**
 * One repair can expose another (a byline extracted leaves "## " at the line head; a converted （ makes the next
 * ( Chinese). Cleaning runs again on its own output and maps the new edits back onto the original, until nothing
 * changes, so that clean(clean(x)) = clean(x) and the log still replays the original.
 */
/** Returns whether the passes settled; a page that keeps changing is reported, not looped on. */
function foldSecondPasses(doc: CleanDocument): boolean {
  for (let pass = 0; pass < 4; pass += 1) {
    const { text, origin, producedBy } = applyEdits(doc.text, doc.edits);
    const again = runCleanRules(text, doc.context);
    let changed = false;
    for (const e of again.edits) {
      if (!REPAIR_RULES.has(e.rule) || e.end <= e.start) continue;
      // A join the first pass did not make joins lines it gave other roles (a headline above 本报讯): refused.
      if (e.op === 'join' && !joinsBodyLines(doc, origin, e.start, e.end)) continue;
      const covered = producedBy.slice(e.start, e.end);
      if (e.after === '') {
        // Deletion: original characters go; an earlier replacement wholly inside becomes a deletion too.
        const earlier = new Set(covered.filter((x): x is PendingEdit => x !== null));
        if (
          [...earlier].some((x) => producedBy.filter((p) => p === x).length !== covered.filter((p) => p === x).length)
        )
          continue;
        for (const x of earlier) x.after = '';
        let runStart = -1;
        for (let i = e.start; i <= e.end; i += 1) {
          const original = i < e.end && producedBy[i] === null ? origin[i] : -1;
          if (original !== -1 && runStart === -1) runStart = original;
          const runEnds =
            original === -1 ||
            (i + 1 < e.end && producedBy[i + 1] === null && origin[i + 1] !== original + 1) ||
            i + 1 === e.end;
          if (runStart !== -1 && runEnds) {
            const end = original === -1 ? origin[i - 1] + 1 : original + 1;
            doc.add({ ...e, start: runStart, end });
            runStart = -1;
          }
        }
        changed = true;
      } else if (e.end - e.start === 1 && covered[0] === null && !doc.isClaimed(origin[e.start], origin[e.start] + 1)) {
        doc.add({ ...e, start: origin[e.start], end: origin[e.start] + 1 });
        changed = true;
      }
    }
    if (!changed) return true;
  }
  return false;
}

/** Whether the text on both sides of a second-pass join was body text in the first pass's roles. */
function joinsBodyLines(doc: CleanDocument, origin: number[], start: number, end: number): boolean {
  if (start === 0 || end >= origin.length) return true;
  const left = lineContaining(doc, origin[start - 1]);
  const right = lineContaining(doc, origin[end]);
  return left === right || (left.role === 'body' && right.role === 'body');
}

/** The original line that holds UTF-16 offset `at` (lines are sorted by start). */
function lineContaining(doc: CleanDocument, at: number) {
  let lo = 0;
  let hi = doc.lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (doc.lines[mid].start <= at) lo = mid;
    else hi = mid - 1;
  }
  return doc.lines[lo];
}

export function clean(source: IngestedSource, context: CleanContext = {}): StageResult<CleanedSource> {
  const messages: VFileMessage[] = [];
  forgetFurnitureEvidence();
  forgetVisibleContent();
  forgetWindows();
  const doc = runCleanRules(source.text, context);
  const settled = foldSecondPasses(doc);

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
      const raw = lineContaining(doc, originStart);
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
    const shown = visibleContent(line.text);
    metadata.push({
      kind: line.role as SourceMetadataLine['kind'],
      text: (line.role === 'byline' ? closeSpacedRoles(shown) : shown).replace(/[\u00a0\u3000\s]+/gu, ' '),
      start,
      beforeLine: anchor(start),
      reason: `${line.roleRule}: ${line.roleReason}`,
    });
  }
  // Pieces of one byline that a later pass extracted around earlier edits (spaces removed) are one line again.
  const extracted = doc.edits
    .filter((e) => e.rule === 'inline-byline' || e.rule === POSTING_HEAD_RULE)
    .sort((a, b) => a.start - b.start);
  const pieces: { rule: string; start: number; end: number }[] = [];
  for (const e of extracted) {
    const last = pieces.at(-1);
    if (last && last.rule === e.rule && doc.text.slice(last.end, e.start).trim() === '') last.end = e.end;
    else pieces.push({ rule: e.rule, start: e.start, end: e.end });
  }
  for (const e of pieces) {
    const start = cp(e.start);
    const kind = e.rule === POSTING_HEAD_RULE ? 'source-line' : 'byline';
    const text = doc.text.slice(e.start, e.end).trim();
    metadata.push({ kind, text, start, beforeLine: anchor(start), reason: `${e.rule}: ${extractedBecause[e.rule]}` });
  }
  metadata.sort((a, b) => a.start - b.start);

  // What a rule removed and where (a control character): warnings beside the flags.
  for (const note of doc.notes)
    messages.push(
      diagnostic({
        file: source.file,
        rule: note.rule,
        severity: 'warning',
        reason: note.reason,
        text: source.text,
        start: cp(note.start),
        end: cp(note.end),
      }),
    );
  for (const flag of flags) {
    messages.push(
      diagnostic({
        file: source.file,
        rule: flag.rule,
        severity: 'warning',
        reason: `${flag.reason}: "${flag.text}"${flag.suggestion !== null ? ` (suggest "${flag.suggestion}")` : ''}`,
        text: source.text,
        start: flag.start,
        end: flag.end,
      }),
    );
  }
  if (!settled) {
    messages.push(
      diagnostic({
        file: source.file,
        rule: 'clean-unsettled',
        severity: 'warning',
        reason:
          'repairs kept exposing further repairs after four passes: cleaning this text again may change it further',
      }),
    );
  }
  // Every line of page furniture that left the body is reported with its rule and reason, where it stood.
  for (const line of doc.lines) {
    if (!REMOVED_ROLES.has(line.role) || !line.roleRule || !FURNITURE_RULES.has(line.roleRule)) continue;
    messages.push(
      diagnostic({
        file: source.file,
        rule: line.roleRule,
        severity: 'info',
        reason: `${line.role === 'debris' ? 'removed' : `kept as ${line.role} metadata`}: ${line.roleReason}`,
        text: source.text,
        start: cp(line.start),
        end: cp(line.end),
      }),
    );
  }
  const removedLines = doc.lines.filter((l) => REMOVED_ROLES.has(l.role)).length;
  if (lines.length === 0) {
    messages.push(
      diagnostic({
        file: source.file,
        rule: 'no-body',
        severity: 'error',
        reason: `nothing is left after cleaning (${removedLines} lines were debris or metadata)`,
        text: source.text,
        start: 0,
      }),
    );
  }
  return { value: { source, text, lines, metadata, edits, flags }, messages };
}
