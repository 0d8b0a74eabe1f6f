// "来源:中央广电总台国际在线 | 2024-03-01 16:13:19": where and when a web copy was published.
import type { LineRule } from './lineRule.ts';

export const sourceLine: LineRule = {
  id: 'source-line',
  pass: 1,
  classify(content) {
    if (/^(来源|稿源|出处|发布时间|发布日期|时间)[:：]/.test(content) && [...content].length <= 80) {
      return { role: 'source-line', reason: 'source and publication time of a web copy' };
    }
    if (/^[^。，]{0,40}[|｜]\s*\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(\s+\d{1,2}:\d{2}(:\d{2})?)?\s*$/.test(content)) {
      return { role: 'source-line', reason: 'source and publication time of a web copy' };
    }
    // A page header that names the paper, the date and the page: 泉州晚报  2025年4月15日 星期二  第A06版 城事·评论.
    if (
      /\d{4}年\d{1,2}月\d{1,2}日/u.test(content) &&
      /(星期[一二三四五六日天]|第\s*[0-9A-Z０-９]{1,4}\s*版)/u.test(content) &&
      [...content].length <= 60 &&
      !/[。！？]$/u.test(content)
    ) {
      return { role: 'source-line', reason: 'e-paper page header (paper, date, page)' };
    }
    // E-paper page headers: 第03版：江北新闻  2025年3月12日 星期三.
    if (
      /^第?\s*[0-9A-Z０-９]{1,3}\s*版\s*[:：]?.{0,20}?(\d{4}年\d{1,2}月\d{1,2}日)?\s*(星期.)?$/u.test(content) &&
      [...content].length <= 50
    ) {
      return { role: 'source-line', reason: 'e-paper page header (page, section, date)' };
    }
    return null;
  },
};
