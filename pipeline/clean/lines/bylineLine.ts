// Bylines on their own line: ■ 本报记者 徐丽 孟若冰, ■ 通讯员 …, (文 张盐), 文/张三, 新华社…电.
import type { LineRule } from './lineRule.ts';

const NAMES = String.raw`[\p{Script=Han}·]{2,5}(?:[\s、，,]+[\p{Script=Han}·]{2,5}){0,5}`;
const REPORTERS = new RegExp(
  String.raw`^[■□●◆▲]?\s*(?:(?:本报|本台|本刊)?(?:特约|实习)?(?:记者|通讯员|评论员|实习生)[\s:：]*${NAMES}\s*)+(?:报道|整理)?$`,
  'u',
);
const WRITER = new RegExp(
  String.raw`^[（(]\s*(?:文|图|文\/图|文图|撰文|作者)[\s/／:：]*${NAMES}\s*[）)]$|^(?:文|文\/图|作者)\s*[/／:：]\s*${NAMES}$`,
  'u',
);
const COMPILED = new RegExp(
  String.raw`^[（(]\s*(?:本报|新华社)?(?:特约)?(?:记者|通讯员)[\s:：]*${NAMES}(?:\s*(?:本报|新华社)?(?:记者|通讯员)[\s:：]*${NAMES})*\s*(?:整理|报道)?\s*[）)]$`,
  'u',
);
const DATELINE =
  /^(新华社|中新社|人民网|央视网|本报)[\p{Script=Han}]{0,8}\d{1,2}月\d{1,2}日(电|讯)(\s*[（(][^）)]{1,30}[）)])?$/u;

export const bylineLine: LineRule = {
  id: 'byline-line',
  pass: 1,
  classify(content) {
    if (DATELINE.test(content)) return { role: 'byline', reason: 'dateline on its own line' };
    if (/^[■□●]?\s*(本报|本刊|新华社|人民日报)?(特约)?评论员(文章)?$/u.test(content))
      return { role: 'byline', reason: 'commentator signature' };
    if (REPORTERS.test(content) || WRITER.test(content) || COMPILED.test(content))
      return { role: 'byline', reason: 'byline on its own line' };
    return null;
  },
};
