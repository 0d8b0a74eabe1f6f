// npm run bench:xliff: import of a generated ~1 MB XLIFF 2.0 file of many units, as a ratio to two baselines measured
// in the same process over the same content: the XML parser alone (saxes, no handlers) and JSON.parse of the same
// translations as JSON. Ratios, not timings, are compared between machines.
import { SaxesParser } from 'saxes';
import { makeSegment } from '../pipeline/domain/segment.ts';
import type { Segment } from '../pipeline/domain/types.ts';
import { exportXliff, type XliffUnitInput } from '../pipeline/xliff/exportXliff.ts';
import { importXliff } from '../pipeline/xliff/importXliff.ts';

const targetBytes = Number(process.env.BENCH_XLIFF_BYTES ?? 1024 * 1024);
const rounds = Number(process.env.BENCH_ROUNDS ?? 10);

// Invented sentences from a few parts, numbered so that every unit has its own text and id.
const subjects = ['市政府', '区委', '街道办事处', '市场监管局', '交通运输部门', '教育系统'];
const verbs = ['召开会议研究部署', '印发通知要求落实', '组织开展专项检查', '发布公告说明'];
const objects = ['城市更新工作', '安全生产责任', '民生实事项目', '营商环境优化', '防汛抗旱准备'];
const en = (i: number) =>
  `Item ${i}: the office held a meeting on the work & its follow-up, with <${i % 7}> points "agreed".`;

function generate(): { xml: string; units: number } {
  const units: XliffUnitInput[] = [];
  let bytes = 400;
  for (let i = 0; bytes < targetBytes; i += 1) {
    const zh = `${subjects[i % subjects.length]}${verbs[i % verbs.length]}${objects[i % objects.length]}（第${i + 1}项），要求各单位于${(i % 12) + 1}月底前完成。`;
    const segment: Segment = { ...makeSegment(zh), en: en(i), enStatus: 'engine', enNote: 'bench' };
    units.push({ segment, articleId: `article-${Math.floor(i / 40)}`, notes: [`context: 第${i + 1}条`] });
    bytes += Buffer.byteLength(zh) + Buffer.byteLength(en(i)) + 260;
  }
  // "final" so that every prefilled target counts as reviewed and goes the whole way through the import.
  const xml = exportXliff(units).replace(/<segment state="translated">/gu, '<segment state="final">');
  return { xml, units: units.length };
}

function time(fn: () => void): number {
  fn(); // warm-up
  const start = performance.now();
  for (let i = 0; i < rounds; i += 1) fn();
  return (performance.now() - start) / rounds;
}

const { xml, units } = generate();
const size = Buffer.byteLength(xml);
const result = importXliff(xml);
if (result.translations.length !== units || result.problems.length > 0)
  throw new Error(
    `bench: expected ${units} translations and no problems, got ${result.translations.length} and ${result.problems.length}`,
  );
const json = JSON.stringify(result.translations);

const importMs = time(() => importXliff(xml));
const saxesMs = time(() => {
  const parser = new SaxesParser({ xmlns: true });
  parser.write(xml).close();
});
const jsonMs = time(() => JSON.parse(json));

const row = (name: string, ms: number) => `${name.padEnd(34)} ${ms.toFixed(1).padStart(8)} ms`;
console.log(`XLIFF of ${(size / 1024 / 1024).toFixed(2)} MB, ${units} units, ${rounds} rounds`);
console.log(row('importXliff', importMs));
console.log(row('baseline: saxes alone, same XML', saxesMs));
console.log(row(`baseline: JSON.parse, ${(Buffer.byteLength(json) / 1024).toFixed(0)} kB`, jsonMs));
console.log(`ratio import / saxes alone: ${(importMs / saxesMs).toFixed(2)}`);
console.log(`ratio import / JSON.parse:  ${(importMs / jsonMs).toFixed(2)}`);
