// Stage split: a page into articles. A headline block opens a new article when the genre's signals say so:
// a byline or dateline under it, a kicker/subhead pair, a column and pen name, a resolution title, a photo credit.
import type { VFileMessage } from 'vfile-message';
import { diagnostic } from '../domain/diagnostics.ts';
import type { ArticleDraft, CleanedSource, CleanLine, SourceMetadataLine, StageResult } from '../domain/types.ts';

interface Block {
  start: number;
  end: number; // exclusive
}

const RESOLUTION_TITLE = /(决议|公报|决定)$/u;
/** 本报讯, 本报昆明3月5日电, 新华社北京3月5日电: the opening of a report. */
const DATELINE_BYLINE = /^(本报讯|本报[\p{Script=Han}]{0,8}\d{1,2}月\d{1,2}日电|新华社|中新社)/u;
const DATELINE = /^(\d{1,2}月)?\d{1,2}日[，,]|^(日前|近日|昨日|今天|昨天|日前)[，,]/u;

function headlineBlocks(lines: CleanLine[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i].role === 'headline') {
      const start = i;
      while (i < lines.length && lines[i].role === 'headline') i += 1;
      blocks.push({ start, end: i });
    } else i += 1;
  }
  return blocks;
}

/** Why a headline block starts an article, or null when it is a heading inside the current one. */
export function boundaryReason(
  block: Block,
  next: Block | undefined,
  lines: CleanLine[],
  metadata: SourceMetadataLine[],
): string | null {
  const anchoredIn = (from: number, to: number, kinds: SourceMetadataLine['kind'][]) =>
    metadata.some((m) => m.beforeLine >= from && m.beforeLine <= to && kinds.includes(m.kind));
  if (anchoredIn(block.start, block.end, ['byline', 'column-name', 'pen-name']))
    return 'byline, column or pen name with the headline';
  if (block.end - block.start >= 2) return 'kicker, headline and subhead';
  const first = lines[block.start].text;
  if (RESOLUTION_TITLE.test(first)) return 'title of a resolution or decision';
  const after = lines[block.end];
  if (after && after.role === 'adoption-line') return 'adoption line under the title';
  if (after && DATELINE.test(after.text)) return 'dateline opens the next paragraph';
  const until = next ? next.start : lines.length;
  if (anchoredIn(block.end + 1, until, ['credit'])) return 'photo news: headline, text and photo credit';
  return null;
}

export function split(cleaned: CleanedSource): StageResult<ArticleDraft[]> {
  const messages: VFileMessage[] = [];
  const { lines, metadata } = cleaned;
  const base = cleaned.source.file.replace(/\.[^.]+$/u, '');
  const blocks = headlineBlocks(lines);
  const starts: number[] = [0];
  blocks.forEach((block, i) => {
    if (block.start === 0) return;
    const reason = boundaryReason(block, blocks[i + 1], lines, metadata);
    // A headline right after the previous article's title block is its subhead, not a new article.
    if (reason) starts.push(block.start);
  });
  // Briefs without headlines (a 简讯 column): each 本报讯 or agency dateline paragraph after running text opens one.
  for (const m of metadata) {
    const at = m.beforeLine;
    if (m.kind !== 'byline' || !DATELINE_BYLINE.test(m.text) || at <= 0 || at >= lines.length || starts.includes(at))
      continue;
    const previous = lines[at - 1];
    const articleStart = Math.max(...starts.filter((x) => x < at));
    const hasText = lines.slice(articleStart, at).some((l) => l.role === 'body');
    if (lines[at].role === 'body' && previous.role === 'body' && hasText) starts.push(at);
  }
  starts.sort((a, b) => a - b);
  const drafts: ArticleDraft[] = starts.map((start, i) => {
    const end = starts[i + 1] ?? lines.length;
    return { id: `${base}-${i + 1}`, index: i + 1, source: cleaned, lines: lines.slice(start, end), metadata: [] };
  });
  // Metadata goes to the article it belongs to: credits and sign-offs close the article above them.
  for (const m of metadata) {
    const closesAbove =
      m.kind === 'credit' || (m.kind === 'byline' && /^[（(].*[)）]$/u.test(m.text)) || m.kind === 'caption';
    let line = m.beforeLine;
    if (closesAbove && starts.includes(line) && line > 0) line -= 1;
    let idx = starts.findIndex((s, i) => line >= s && line < (starts[i + 1] ?? Number.POSITIVE_INFINITY));
    if (idx === -1) idx = drafts.length - 1;
    drafts[Math.max(0, idx)].metadata.push(m);
  }
  if (drafts.length > 1) {
    messages.push(
      diagnostic({
        file: cleaned.source.file,
        rule: 'split',
        severity: 'info',
        reason: `page split into ${drafts.length} articles`,
      }),
    );
  }
  return { value: drafts.filter((d) => d.lines.length > 0), messages };
}
