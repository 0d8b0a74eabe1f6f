// Bylines: 本报讯(记者马明), ■ 本报记者 徐丽 孟若冰, ■ 通讯员 刘顺利 周南, 新华社天津5月31日电（记者 …）, (文 张盐).
import type { Byline } from '../domain/types.ts';
import { isPlausibleName } from '../domain/surnames.ts';

const NAME = /[\p{Script=Han}·]{2,5}/gu;

/** Role words of a byline; 文 and 图 count only standing alone (文/张三), never inside a name (邹文韬). */
const ROLE =
  /(本报记者|本报通讯员|特约记者|新华社记者|实习记者|实习生|记者|通讯员|评论员|作者|文\/图|(?<![\p{Script=Han}])文(?=[\s/／:：])|(?<![\p{Script=Han}])图(?=[\s/／:：]))/u;

export function parseByline(raws: string[], credits: string[] = []): Byline | null {
  if (raws.length === 0 && credits.length === 0) return null;
  // An article with a sidebar by the same reporter (a merge staff made) credits them once.
  const credit = (line: string) => line.replace(/^[■□●\s]+/u, '');
  const lines = raws.filter((line, i) => raws.findIndex((other) => credit(other) === credit(line)) === i);
  const raw = (lines.length > 0 ? lines : credits).join(' ');
  const reporters: string[] = [];
  const correspondents: string[] = [];
  const photographers: string[] = [];
  let agency: string | null = null;
  for (const line of lines) {
    const text = line.replace(/^[■□●\s]+/u, '');
    const agencyMatch = /^(新华社|中新社|人民网|央视网|新华网|中国新闻网)/u.exec(text);
    if (agencyMatch) agency = agencyMatch[1];
    // （亓晓雯） or 方晓 李明 alone: a trailing byline that names the reporters without saying so.
    const bare = /^[（(]?\s*([\p{Script=Han}·]{2,4}(?:[\s、]+[\p{Script=Han}·]{2,4}){0,3})\s*[）)]?$/u.exec(text);
    const bareNames = bare ? bare[1].split(/[\s、]+/u) : [];
    if (bare && !ROLE.test(text) && !agency && bareNames.every(isPlausibleName)) {
      reporters.push(...bareNames.filter((n) => !reporters.includes(n)));
      continue;
    }
    let role = '';
    for (const part of text.split(ROLE)) {
      if (/^(本报记者|特约记者|新华社记者|实习记者|记者|评论员|文\/图|文|作者)$/u.test(part)) {
        role = 'reporter';
        continue;
      }
      if (/^(本报通讯员|通讯员|实习生)$/u.test(part)) {
        role = 'correspondent';
        continue;
      }
      if (part === '图') {
        role = 'photo';
        continue;
      }
      if (!role) continue;
      const cleaned = part.replace(/(本报讯|报道|整理|摄|\d+月\d+日电)/gu, ' ');
      for (const m of cleaned.matchAll(NAME)) {
        const list = role === 'correspondent' ? correspondents : role === 'photo' ? photographers : reporters;
        if (!list.includes(m[0])) list.push(m[0]);
      }
    }
  }
  // Photo credits: 通讯员 王英浩 摄, 陈晓峰 摄.
  for (const credit of credits) {
    const m = /([\p{Script=Han}·]{2,5}(?:[\s、]+[\p{Script=Han}·]{2,5})*)\s*摄/u.exec(
      credit.replace(/^(本报)?(记者|通讯员|摄影记者|摄影)\s*/u, ''),
    );
    if (m) for (const n of m[1].split(/[\s、]+/u)) if (!photographers.includes(n)) photographers.push(n);
  }
  return { raw, reporters, agency, correspondents, photographers };
}
