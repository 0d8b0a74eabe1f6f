// Bylines: 本报讯(记者马明), ■ 本报记者 徐丽 孟若冰, ■ 通讯员 刘顺利 周南, 新华社天津5月31日电（记者 …）, (文 张盐).
import type { Byline } from '../types.ts';

const NAME = /[\p{Script=Han}·]{2,5}/gu;

export function parseByline(raws: string[]): Byline | null {
  if (raws.length === 0) return null;
  const raw = raws.join(' ');
  const reporters: string[] = [];
  const correspondents: string[] = [];
  let agency: string | null = null;
  const agencyMatch = /^(新华社|中新社|人民网|央视网|新华网|中国新闻网)/u.exec(raw.replace(/^[■□●\s]+/u, ''));
  if (agencyMatch) agency = agencyMatch[1];
  // Split into runs introduced by a role word; names follow until the next role word.
  const runs = raw.replace(/^[■□●\s]+/u, '').split(/(本报记者|本报通讯员|特约记者|记者|通讯员|评论员|文\/图|文|图|作者)/u);
  let role = '';
  for (const part of runs) {
    if (/^(本报记者|特约记者|记者|评论员|文\/图|文|作者)$/u.test(part)) { role = 'reporter'; continue; }
    if (/^(本报通讯员|通讯员)$/u.test(part)) { role = 'correspondent'; continue; }
    if (/^图$/u.test(part)) { role = 'photo'; continue; }
    if (!role) continue;
    const cleaned = part.replace(/(本报讯|报道|整理|摄|[0-9]+月[0-9]+日电)/gu, ' ');
    for (const m of cleaned.matchAll(NAME)) {
      (role === 'correspondent' ? correspondents : reporters).push(m[0]);
    }
  }
  return { raw, reporters, agency, correspondents };
}
