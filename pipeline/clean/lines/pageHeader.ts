// E-paper page headers: the paper's name, the issue date with its weekday, the page and its section (第A1版：要闻),
// alone or together; on web copies, a row of keywords closed by the paper's name and the date. They are metadata
// (the issue date, the page), never a title.
import { DATE_WITH_WEEKDAY, PAPER_NAME } from '../../domain/lineVocabulary.ts';
import { describeEvidence, furnitureEvidence, type TokenKind } from './furnitureEvidence.ts';
import type { LineRule } from './lineRule.ts';

const STAMP_KINDS: ReadonlySet<TokenKind> = new Set<TokenKind>(['date', 'time', 'weekday', 'separator', 'colon']);
const NUMERIC_DATE = /\d{4}[-/.]\d{1,2}[-/.]\d{1,2}/u;

export const pageHeader: LineRule = {
  id: 'page-header',
  pass: 1,
  classify(content) {
    if (DATE_WITH_WEEKDAY.test(content))
      return { role: 'source-line', reason: 'e-paper date line with the weekday: the issue date' };
    if (PAPER_NAME.test(content)) return { role: 'source-line', reason: "the paper's name alone on a line" };
    const evidence = furnitureEvidence(content);
    if (evidence.sentenceLike || evidence.length > 60) return null;
    const facts = describeEvidence(evidence);
    // 株洲 湘江 码头 株洲日报 2024-08-12: keywords of a web copy, then its paper and date.
    const words = evidence.tokens.filter((t) => t.kind === 'text');
    if (
      NUMERIC_DATE.test(content) &&
      evidence.kinds.has('paper') &&
      words.length >= 2 &&
      words.every((t) => [...t.text].length <= 6)
    )
      return { role: 'source-line', reason: `keywords, paper and date of a web copy (${facts})` };
    if (evidence.share < 0.8) return null;
    if ([...evidence.kinds].every((k) => STAMP_KINDS.has(k)) && evidence.kinds.has('date'))
      return { role: 'source-line', reason: `a date or time stamp alone (${facts})` };
    const dated = evidence.kinds.has('date') && (evidence.kinds.has('weekday') || evidence.kinds.has('paper'));
    if (evidence.kinds.has('edition') || dated)
      return { role: 'source-line', reason: `e-paper page header (${facts})` };
    return null;
  },
};
