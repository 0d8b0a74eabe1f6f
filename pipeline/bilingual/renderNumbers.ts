// Numbers, money, percentages and dates in the agencies' style: 50.2 billion yuan, more than 8.95 million yuan, 3.5
// percent, May 31, 2023.
import type { Figure } from '../domain/types.ts';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function renderDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${MONTHS[m - 1]} ${d}, ${y}`;
}

/** Made once: toLocaleString builds this same formatter again on every call. */
const ENGLISH_NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

/** 34000 → "34,000"; 5.02e10 → "50.2 billion"; keeps up to three significant decimals. */
export function renderNumber(value: number): string {
  const abs = Math.abs(value);
  const scales: [number, string][] = [
    [1e12, 'trillion'],
    [1e9, 'billion'],
    [1e6, 'million'],
  ];
  for (const [scale, word] of scales) {
    if (abs >= scale) {
      const n = value / scale;
      return `${ENGLISH_NUMBER.format(Number.parseFloat(n.toFixed(3)))} ${word}`;
    }
  }
  return ENGLISH_NUMBER.format(value);
}

/** English nouns for the measure words whose meaning does not depend on what is counted. */
const UNIT_EN: Record<string, [string, string]> = {
  元: ['yuan', 'yuan'],
  美元: ['U.S. dollar', 'U.S. dollars'],
  平方米: ['square meter', 'square meters'],
  平方公里: ['square kilometer', 'square kilometers'],
  公里: ['kilometer', 'kilometers'],
  千米: ['kilometer', 'kilometers'],
  米: ['meter', 'meters'],
  吨: ['tonne', 'tonnes'],
  亩: ['mu', 'mu'],
  公顷: ['hectare', 'hectares'],
  名: ['person', 'people'],
  人: ['person', 'people'],
  人次: ['person-time', 'person-times'],
  户: ['household', 'households'],
  岁: ['year old', 'years old'],
  立方米: ['cubic meter', 'cubic meters'],
  千瓦: ['kilowatt', 'kilowatts'],
  千瓦时: ['kilowatt-hour', 'kilowatt-hours'],
  册: ['volume', 'volumes'],
  枝: ['stem', 'stems'],
  家次: ['visit', 'visits'],
  天: ['day', 'days'],
  年: ['year', 'years'],
  个月: ['month', 'months'],
  小时: ['hour', 'hours'],
  台: ['unit', 'units'],
  辆: ['vehicle', 'vehicles'],
  棵: ['tree', 'trees'],
  株: ['plant', 'plants'],
  公斤: ['kilogram', 'kilograms'],
  千克: ['kilogram', 'kilograms'],
  克: ['gram', 'grams'],
  次: ['time', 'times'],
  倍: ['-fold', '-fold'],
};

export function renderFigure(f: Pick<Figure, 'value' | 'unit' | 'bound' | 'valueTo'> & { text?: string }): string {
  if (f.valueTo !== undefined) {
    const to = renderFigure({ value: f.valueTo, unit: f.unit, bound: 'exact' });
    return `${renderNumber(f.value)}${f.unit === '%' ? ' percent' : ''} to ${to}`.replace(
      /^(\S+) percent to (\S+ percent)$/u,
      '$1 to $2',
    );
  }
  const t = f.text ?? '';
  // 不少于/至少/以上 set a floor ("at least"); 余/多/超 say "more than"; 最高/最多 a ceiling ("up to").
  const qualifier =
    f.bound === 'lower'
      ? /(不少于|至少|以上|最低)/u.test(t)
        ? 'at least '
        : 'more than '
      : f.bound === 'approx'
        ? 'about '
        : f.bound === 'upper'
          ? /(最高|最多)/u.test(t)
            ? 'up to '
            : 'less than '
          : '';
  const number = renderNumber(f.value);
  if (f.unit === '%') return `${qualifier}${number} percent`;
  if (f.unit === '倍') return `${qualifier}${number}-fold`;
  const noun = UNIT_EN[f.unit];
  if (!noun) return `${qualifier}${number}`; // 个, 家, 项: the noun is in the sentence, not in the measure word
  return `${qualifier}${number} ${f.value === 1 ? noun[0] : noun[1]}`;
}

export const ORDINAL_WORDS = [
  'zeroth',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
  'twentieth',
];

/** "third" for sessions (spelled out up to twentieth), "12th" for terms. */
export function ordinalWord(n: number): string {
  return ORDINAL_WORDS[n] ?? ordinalNumber(n);
}

export function ordinalNumber(n: number): string {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
}

/** Title Case for document titles: every word capitalised but articles and short prepositions (not first). */
export const titleCase = (s: string) =>
  s
    .split(' ')
    .map((w, i) =>
      i > 0 && /^(of|the|and|on|in|for|to|a|an|at|by)$/u.test(w) ? w : w.charAt(0).toUpperCase() + w.slice(1),
    )
    .join(' ');
