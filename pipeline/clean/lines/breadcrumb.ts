// Breadcrumbs of portal pages: 某某网>>时政频道, 首页 > 新闻 > 正文, 当前位置：首页 » 要闻.
import { describeEvidence, furnitureEvidence } from './furnitureEvidence.ts';
import type { LineRule } from './lineRule.ts';

const STEP = /\s*(?:>>|>|＞|»|›|→)\s*/u;

export const breadcrumb: LineRule = {
  id: 'breadcrumb',
  pass: 1,
  classify(content) {
    // A breadcrumb wrapped over lines starts or ends with its arrow (> 政务公开 > …, 主页 > 资讯 >).
    const body = content
      .replace(/^(当前位置|您的位置|您现在的?所?在?的?位置|所在位置|位置)\s*[:：]\s*/u, '')
      .replace(/^\s*(?:>>|>|＞|»|›)\s*|\s*(?:>>|>|＞|»|›)\s*$/gu, '');
    const steps = body.split(STEP);
    const arrows = steps.length - 1;
    const wrapped =
      body !== content.replace(/^(当前位置|您的位置|您现在的?所?在?的?位置|所在位置|位置)\s*[:：]\s*/u, '');
    if (arrows < 1 && !(wrapped && steps.length === 1 && [...body].length <= 12)) return null;
    // Every step is a short name (the last may be the article's title); a sentence never sits between the arrows.
    const lengths = steps.map((s) => [...s.trim()].length);
    if (lengths.some((n) => n === 0) || lengths.slice(0, -1).some((n) => n > 12) || lengths.at(-1)! > 40) return null;
    if (/[，。！？；,!?;]/u.test(body)) return null;
    const evidence = furnitureEvidence(content);
    // One arrow needs a named step (a section, a site): 宜宾三江口 > 本地新闻; headlines never point so.
    const named = evidence.tokens.some((t) => ['interface', 'section', 'site', 'paper'].includes(t.kind));
    if (!named && !wrapped && arrows < 2 && !/>>|»|›/u.test(body)) return null;
    return { role: 'debris', reason: `breadcrumb of the site's sections (${describeEvidence(evidence)})` };
  },
};
