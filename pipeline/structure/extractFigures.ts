// Figures: counts, money and percentages with their value in base units (502亿元 → 50200000000 元).
import type { Figure } from '../domain/types.ts';

const UNITS =
  '个月|年|万平方米|平方米|立方米|万千瓦|千瓦时|千瓦|家次|枝|册|头|只|箱|平方公里|公里|千米|万元|亿元|美元|元|名|家|个|人次|人|项|台|棵|株|吨|户|所|座|条|辆|次|批|篇|件|套|亩|公顷|倍|岁|天|小时|场|部|份|处|间|张|本|位|支|款|类|种|条|栋|幢|架|艘|床|例|起|公斤|千克|克|米|%|％';
const FIGURE = new RegExp(
  String.raw`(?:达到|达)?(超过|超|近|约|逾|不少于|至少|不到|不足|最高|最多|最低|高达)?(\d+(?:\.\d+)?)(万亿|亿|万|千)?(余|多)?(${UNITS})(左右|以上|以下|多)?`,
  'gu',
);
const SCALE: Record<string, number> = { 万亿: 1e12, 亿: 1e8, 万: 1e4, 千: 1e3 };

function round(n: number): number {
  return Number.parseFloat(n.toPrecision(12));
}

/** 3至5年, 10—15个, 2万到3万人: a range, kept as its lower end (approx) and its upper end. */
const RANGE = new RegExp(
  String.raw`(\d+(?:\.\d+)?)(万亿|亿|万|千)?(?:至|到|—|－|-|~|～)(\d+(?:\.\d+)?)(万亿|亿|万|千)?(${UNITS})`,
  'gu',
);

function scaleOf(unit: string, value: number): [number, string] {
  if (unit === '万元' || unit === '亿元' || unit === '万平方米')
    return [value * (unit.startsWith('亿') ? 1e8 : 1e4), unit.slice(1)];
  return [value, unit === '％' ? '%' : unit];
}

export function extractFigures(text: string): Figure[] {
  const out: Figure[] = [];
  const offsets = new Map<Figure, number>();
  const taken: [number, number][] = [];
  for (const m of text.matchAll(RANGE)) {
    const [whole, low, lowScale, high, highScale, unitRaw] = m;
    if ((text[m.index! - 1] ?? '') === '第' || /^\d{4}$/u.test(low)) continue;
    const k = SCALE[highScale ?? ''] ?? 1;
    const [from, unit] = scaleOf(unitRaw, Number.parseFloat(low) * (SCALE[lowScale ?? ''] ?? k));
    const [to] = scaleOf(unitRaw, Number.parseFloat(high) * k);
    const range: Figure = { text: whole, value: round(from), valueTo: round(to), unit, bound: 'approx', en: null };
    out.push(range);
    offsets.set(range, m.index!);
    taken.push([m.index!, m.index! + whole.length]);
  }
  for (const m of text.matchAll(FIGURE)) {
    const [whole, prefix, digits, scale, extra, unitRaw, suffix] = m;
    const before = text[m.index! - 1] ?? '';
    if (taken.some(([a, b]) => m.index! >= a && m.index! < b)) continue; // part of a range
    // 2023年 is a date, and so is 5年 in 2025年3月 … : years are durations only when short and not a date.
    if (
      unitRaw === '年' &&
      (digits.length >= 4 ||
        /^\d{1,2}月/u.test(text.slice(m.index! + whole.length)) ||
        (!/^(来|时间|内|间|多|以上|以来|后|中|的|，|。|、)/u.test(text.slice(m.index! + whole.length)) &&
          !/(连续|近|用|今后|未来|过去|经过|历时|超过|达|满)$/u.test(text.slice(0, m.index!))))
    )
      continue;
    if (before === '第' || /[\d.]/.test(before)) continue; // ordinals and parts of larger numbers
    let unit = unitRaw;
    let value = Number.parseFloat(digits) * (scale ? SCALE[scale] : 1);
    // 万元 and 亿元 are scales of 元; 万平方米 of 平方米.
    if (unit === '万元' || unit === '亿元' || unit === '万平方米' || unit === '万千瓦') {
      value *= unit.startsWith('亿') ? 1e8 : 1e4;
      unit = unit.slice(1);
    }
    if (unit === '％') unit = '%';
    const lower =
      extra === '余' ||
      extra === '多' ||
      suffix === '以上' ||
      suffix === '多' ||
      ['超过', '超', '逾', '不少于', '至少', '最低'].includes(prefix);
    const approx = prefix === '近' || prefix === '约' || suffix === '左右';
    const upper = ['不到', '不足', '最高', '最多'].includes(prefix) || suffix === '以下';
    // The figure as written, without the verb that introduces it (达到712亿元 → 712亿元).
    const figure: Figure = {
      text: whole.replace(/^(达到|达)/u, ''),
      value: round(value),
      unit,
      bound: lower ? 'lower' : approx ? 'approx' : upper ? 'upper' : 'exact',
      en: null,
    };
    out.push(figure);
    offsets.set(figure, m.index!);
  }
  return out.sort((a, b) => offsets.get(a)! - offsets.get(b)!);
}
