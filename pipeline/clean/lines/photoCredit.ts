// Photo credits ("通讯员 王英浩 摄", "供图 天津市政府新闻办") and captions that carry one.
import type { LineRule } from './lineRule.ts';

const NAMES = String.raw`[\p{Script=Han}·]{2,5}(?:[\s、，,]+[\p{Script=Han}·]{2,5}){0,3}`;
export const CREDIT_ONLY = new RegExp(
  String.raw`^[（(]?(?:(?:本报|新华社|人民日报|[\p{Script=Han}]{2,8}?(?:日报|晚报|报|网|社))?(?:全媒体|融媒体|全媒|融媒)?(?:记者|通讯员|特约摄影|摄影|摄影记者)[\s:：]*)?${NAMES}\s*(?:摄|摄影|供图|/摄)[）)]?$`,
  'u',
);
/** 拍摄者：本报记者 张三, 摄影：张三: the photographer named after a label. */
const PHOTOGRAPHER_LABEL = new RegExp(
  String.raw`^(?:拍摄者|拍摄|摄影|摄像|图片)[:：]\s*(?:(?:本报|[\p{Script=Han}]{2,8}?(?:报|网|社))?(?:全媒体|融媒体)?(?:记者|通讯员)\s*)?${NAMES}$`,
  'u',
);
const PROVIDED = /^(.*?)[\s　]*(?:供图|图片来源|图源|图\/)[\s:：]*([\p{Script=Han}·A-Za-z\s]{0,30})$/u;

const CAPTION_WITH_CREDIT = new RegExp(
  String.raw`^(.{4,90}?(?:[。！]|[\s　]+))(?:(?:本报|新华社|[\p{Script=Han}]{2,8}?(?:日报|晚报|报|网|社))?(?:全媒体|融媒体|全媒|融媒)?(?:记者|通讯员|特约摄影|摄影|摄影记者)[\s:：]*)?${NAMES}\s*摄$`,
  'u',
);

export const photoCredit: LineRule = {
  id: 'photo-credit',
  pass: 1,
  classify(content) {
    if (CREDIT_ONLY.test(content)) return { role: 'credit', reason: 'photo credit' };
    if (PHOTOGRAPHER_LABEL.test(content)) return { role: 'credit', reason: "photographer's credit after a label" };
    if (CAPTION_WITH_CREDIT.test(content)) return { role: 'caption', reason: 'photo caption with its credit' };
    const provided = PROVIDED.exec(content);
    if (provided && [...content].length <= 60 && !/[。！？]/.test(content)) {
      return provided[1].trim() === ''
        ? { role: 'credit', reason: 'photo credit' }
        : { role: 'caption', reason: 'photo caption with its credit' };
    }
    return null;
  },
};
