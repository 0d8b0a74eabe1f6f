// Long pages made from ordinary sentences of the genre (invented here), with the mess pasted pages carry: for the
// tests that clean a 600,000-character line and a 5 MB page, and for bench/longPages.ts that measures them.

const SENTENCES = [
  '全会听取和讨论了区委常委会工作报告，审议通过了关于推动高质量发展的决定。',
  '会议强调，要坚持稳中求进工作总基调，扎实做好稳就业、稳企业、稳预期各项工作。',
  '今年以来，全区新建社区养老服务站12个，惠及老年人3.5万人次。',
  '区政府召开常务会议，研究部署城市更新和老旧小区改造工作。',
  '会议指出，要把民生实事办好办实，让群众有更多获得感、幸福感、安全感。',
  '据介绍，全市规模以上工业增加值同比增长6.2%，固定资产投资增长4.8%。',
  '会议研究谋划“十五五”规划编制工作，总结“十四五”规划实施情况。',
  '要持续优化营商环境，深化“放管服”改革，推动更多事项“一网通办”。',
  '区委书记在调研时强调，要压实安全生产责任，坚决守住安全底线。',
  '近日，区教育局组织开展教师培训活动，300余名教师参加。',
  '要统筹推进乡村振兴，发展特色产业，带动农民增收致富。',
  '会议号召，全区上下要团结一心、苦干实干，奋力完成全年目标任务。',
];

/** What a pasted page carries besides its sentences: half-width commas, no-break spaces, colour codes, aids. */
const MESS = [
  '会议要求,各部门要抓好落实。',
  '施工队先铲（chǎn）除旧路面。',
  '全区\u00a0新增就业岗位1.2万个。',
  '\u001b[31m要点提示\u001b[0m：抓好项目建设。\u0007',
  '推动经济发展发展的各项措施。',
];

/** A small seeded generator, so a failing page can be made again. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A page of about `chars` UTF-16 units: a headline, then paragraphs of three to eight sentences; with `oneLine`
 * everything runs on one line (a page pasted without line breaks).
 */
export function generatedPage(chars: number, options: { oneLine?: boolean; seed?: number } = {}): string {
  const next = random(options.seed ?? 20261201);
  const pick = (list: string[]) => list[Math.floor(next() * list.length)];
  const parts: string[] = ['区委召开全会部署全年工作', options.oneLine ? '' : '\n\n'];
  let length = parts.join('').length;
  while (length < chars) {
    const count = 3 + Math.floor(next() * 6);
    let paragraph = '';
    for (let i = 0; i < count; i += 1) paragraph += next() < 0.1 ? pick(MESS) : pick(SENTENCES);
    parts.push(paragraph, options.oneLine ? '' : '\n\n');
    length += paragraph.length + (options.oneLine ? 0 : 2);
  }
  return parts
    .join('')
    .slice(0, chars)
    .replace(/[\u001b\n]+$/u, '');
}
