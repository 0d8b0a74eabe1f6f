// Editor and proof-reader lines at the end of web copies (编辑:尹媛, 责任编辑：…).
import type { LineRule } from './lineRule.ts';

const ROLES = '责任编辑|责任记者|责任校对|编辑|责编|校对|审核|审校|监制|值班编辑|美编|终审|初审|复审|签发';
/** Editorial credits of a series or a page: 系列报道策划：…  本篇统筹：…, 出品：…, 海报设计：…. */
const PLANNING = new RegExp(
  String.raw`^(?:[\p{Script=Han}]{0,4}(?:策划|统筹|出品|制作|总监制|设计|视觉|协调)[:：]\s*[\p{Script=Han}·、\s]{2,30}?\s*)+$`,
  'u',
);
/** A quote's signature: ——张三·某某镇居民, the speaker and where the speaker is from. */
const QUOTE_SIGNATURE = /^[—─]{1,2}\s*[\p{Script=Han}]{2,4}\s*[·•]\s*[\p{Script=Han}A-Za-z0-9]{2,20}$/u;
const EDITOR = new RegExp(
  String.raw`^[（(【\[]?(${ROLES})[:：\s/／]\s*[\p{Script=Han}·A-Za-z\s、]{1,20}[）)】\]]?$`,
  'u',
);

export const editorLine: LineRule = {
  id: 'editor-line',
  pass: 1,
  classify(content) {
    if (EDITOR.test(content)) {
      return { role: 'credit', reason: 'editor line' };
    }
    if (PLANNING.test(content) && !/[，。！？]/u.test(content))
      return { role: 'credit', reason: 'editorial credits of a series or a page' };
    if (QUOTE_SIGNATURE.test(content)) return { role: 'credit', reason: "a quote's signature: the speaker and place" };
    return null;
  },
};
