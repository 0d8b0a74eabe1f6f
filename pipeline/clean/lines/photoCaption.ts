// Captions: ▶ pointers, 图为…, 上图：…, and the short line right under an image placeholder.
import type { LineRule } from './lineRule.ts';
import { hanCount, SENTENCE_FINAL, visibleContent } from './lineRule.ts';
import { CREDIT_ONLY } from './photoCredit.ts';

export const photoCaption: LineRule = {
  id: 'photo-caption',
  pass: 1,
  classify(content, _line, context) {
    if (/^[▶►▲△▼◆]/u.test(content)) return { role: 'caption', reason: 'caption pointer ▶' };
    if (/^(图为|圖為)/u.test(content) && [...content].length <= 120)
      return { role: 'caption', reason: 'caption beginning 图为' };
    if (/^(图说|圖說|图注)[:：]/u.test(content) && [...content].length <= 160)
      return { role: 'caption', reason: 'caption beginning 图说' };
    if (/^(上图|下图|左图|右图|中图|图\d{1,2}|组图)[:：]/u.test(content))
      return { role: 'caption', reason: 'caption naming a picture' };
    // A short line right above a photo credit is the photo's caption, however much it looks like a headline; a
    // line without Chinese (a photo's id) is no caption.
    const next = context.after[0];
    if (hanCount(content) < 2) return null;
    if (
      next &&
      CREDIT_ONLY.test(visibleContent(next.text)) &&
      [...content].length <= 40 &&
      !SENTENCE_FINAL.test(content)
    ) {
      return { role: 'caption', reason: 'short line above a photo credit' };
    }
    const prev = context.before[0];
    if (prev && prev.roleRule === 'image-placeholder' && [...content].length <= 40 && !SENTENCE_FINAL.test(content)) {
      return { role: 'caption', reason: 'short line under an image placeholder' };
    }
    return null;
  },
};
