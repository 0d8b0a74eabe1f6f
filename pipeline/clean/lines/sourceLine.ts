// Posting metadata of a web copy: 来源:中央广电总台国际在线 | 2024-03-01 16:13:19, 时间：… 来源：…, 刊发日期 … 阅读次数 ….
// Where and when it was published is kept as metadata; glued in front of the first paragraph, only its head goes.
import {
  DATE_WITH_WEEKDAY,
  ORIGINAL_TITLE,
  PLACE_AND_TIME_LABELS,
  POSTING_LABEL_WORDS,
  POSTING_LABELS,
} from '../../domain/lineVocabulary.ts';
import { describeEvidence, furnitureEvidence } from './furnitureEvidence.ts';
import type { LineRule } from './lineRule.ts';

const LABEL_WORDS = [...POSTING_LABEL_WORDS].sort((a, b) => b.length - a.length).join('|');
const LABEL = String.raw`[【\[]?(?:${LABEL_WORDS})[】\]]?\s*[:：]\s*`;
const CLOCK = String.raw`\d{1,2}:\d{2}(?::\d{2})?`;
const STAMP = String.raw`\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*${CLOCK})?|${CLOCK}`;
/** A name glued to the text, up to its publisher ending (天津日报本报讯…); or ending at white space or the line's end. */
const NAME = [
  String.raw`[\p{Script=Han}A-Za-z]{1,12}?(?:报|网|台|社|客户端)(?=本报|新华社|记者|通讯员|[0-9０-９（(“])`,
  String.raw`[^\s|｜:：，。！？（）()]{1,20}?(?=[\s\u3000|｜]|$)`,
].join('|');
const FIELD = new RegExp(String.raw`^(?:${LABEL}(?:${STAMP}|\d+|${NAME})|${STAMP})[\s\u3000\u00a0|｜]*`, 'u');
/** A field that says where or when: a head without one (点击：12) is a counter, not posting metadata. */
const WHERE_OR_WHEN = new RegExp(String.raw`^(?:[【\[]?(?:${PLACE_AND_TIME_LABELS.join('|')})|${STAMP})`, 'u');

/** Length (UTF-16) of the posting metadata at the head of `content`: 时间：… 来源：… fields; 0 when there is none. */
export function postingHead(content: string): number {
  let at = 0;
  let fields = 0;
  let placed = false;
  for (;;) {
    const m = FIELD.exec(content.slice(at));
    if (!m || m[0].length === 0) break;
    if (WHERE_OR_WHEN.test(m[0])) placed = true;
    at += m[0].length;
    fields += 1;
  }
  return fields > 0 && placed ? at : 0;
}

export const sourceLine: LineRule = {
  id: 'source-line',
  pass: 1,
  classify(content) {
    // 原标题：… names the headline the story had before: metadata beside it, never a deck.
    if (ORIGINAL_TITLE.test(content) && [...content].length <= 60)
      return { role: 'source-line', reason: "the story's original headline at its first publisher" };
    const head = DATE_WITH_WEEKDAY.test(content) ? 0 : postingHead(content);
    if (head > 0) {
      const rest = content.slice(head).trim();
      const restEvidence = furnitureEvidence(rest);
      // Text after the fields: the first paragraph glued to them (its head is extracted on its own).
      if (rest === '' || (!restEvidence.sentenceLike && restEvidence.share >= 0.8))
        return { role: 'source-line', reason: 'source and publication time of a web copy' };
      return null;
    }
    if (/^[^。，]{0,40}[|｜]\s*\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(\s+\d{1,2}:\d{2}(:\d{2})?)?\s*$/u.test(content))
      return { role: 'source-line', reason: 'source and publication time of a web copy' };
    // 刊发日期：2024-03-08 阅读次数：12 语音阅读: labels, a date and counters, nothing else.
    const evidence = furnitureEvidence(content);
    const labelled = evidence.tokens.some((t) => t.kind === 'label' && POSTING_LABELS.test(t.text.trim()));
    if (!evidence.sentenceLike && evidence.share >= 0.8 && labelled && evidence.kinds.has('date'))
      return { role: 'source-line', reason: `posting metadata of a web copy (${describeEvidence(evidence)})` };
    return null;
  },
};
