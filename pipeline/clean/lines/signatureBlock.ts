// The signature block under an official document: the issuing office, the date, and notes such as （此件公开发布）.
import type { LineRule } from './lineRule.ts';
import { visibleContent } from './lineRule.ts';

const DATE_ONLY =
  /^([0-9]{4}|[〇零一二三四五六七八九]{4})年[0-9一二三四五六七八九十]{1,3}月[0-9一二三四五六七八九十]{1,3}日$/u;
const ISSUER = /^[\p{Script=Han}（）()、]{4,30}(政府|办公室|办公厅|委员会|领导小组|指挥部|局|委|厅|部|院|中心|会)$/u;
const NOTE = /^[（(](此件(公开发布|主动公开|依申请公开|不予公开|发至[^）)]{1,10})|联系人[:：][^）)]{1,40})[)）]$/u;

export const signatureBlock: LineRule = {
  id: 'signature-block',
  pass: 1,
  classify(content, _line, { before, after }) {
    if (NOTE.test(content)) return { role: 'signature', reason: 'publication note under a document' };
    const next = after[0] ? visibleContent(after[0].text) : '';
    const prev = before[0] ? visibleContent(before[0].text) : '';
    if (DATE_ONLY.test(content) && ISSUER.test(prev))
      return { role: 'signature', reason: 'date of the signature block' };
    if (ISSUER.test(content) && DATE_ONLY.test(next))
      return { role: 'signature', reason: 'issuing office of the signature block' };
    return null;
  },
};
