// Post-check of an engine's English: figures kept, names in pinyin, glossary used (or a variant the term base
// accepts), nothing left in Chinese. Problems are short strings ("number 502亿 missing"); translateSegments stores
// them in enNote as "check: …" and keeps a failing answer as a draft only.
import { findPeople } from '../domain/personMentions.ts';
import { loadTermBase } from '../domain/termBase.ts';
import { ORDINAL_WORDS } from '../bilingual/renderNumbers.ts';
import { renderPinyinName } from '../bilingual/renderPinyinName.ts';
import type { GlossaryEntry } from './engine.ts';

const MULTIPLIERS: Record<string, number> = { 万亿: 1e12, 亿: 1e8, 万: 1e4, 千: 1e3 };
const SCALES: Record<string, number> = { hundred: 1e2, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
const WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
];
// Spelled-out ordinals (first … twentieth) as the agencies write sessions; index 0 is never asked for.
const ORDINALS = ORDINAL_WORDS;
const MONTHS = [
  '',
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/**
 * Full-width digits and signs as ASCII (only those: the full-width comma stays a Chinese comma, not a thousands
 * separator).
 */
const asciiDigits = (s: string) =>
  s
    .replace(/[０-９]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/．/gu, '.')
    .replace(/％/gu, '%');

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

interface ZhNumber {
  text: string;
  raw: number;
  value: number;
  multiplier: string | null;
  month: boolean;
}

function zhNumbers(zh: string): ZhNumber[] {
  const out: ZhNumber[] = [];
  const re =
    /(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\d])(\s*(?:万亿|亿|万|千))?((?:[-—~～至到]\d{1,2})?月)?/gu;
  for (const m of asciiDigits(zh).matchAll(re)) {
    const raw = Number(`${m[1].replaceAll(',', '')}${m[2] ? `.${m[2]}` : ''}`);
    const multiplier = m[3]?.trim() ?? null;
    out.push({
      text: `${m[1]}${m[2] ? `.${m[2]}` : ''}${multiplier ?? ''}`,
      raw,
      value: multiplier ? raw * MULTIPLIERS[multiplier] : raw,
      multiplier,
      month: Boolean(m[4]) && !multiplier && Number.isInteger(raw) && raw >= 1 && raw <= 12,
    });
  }
  return out;
}

function enNumbers(en: string): { raw: number[]; scaled: number[] } {
  const raw: number[] = [];
  const scaled: number[] = [];
  const re = /(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?((?:[\s-]*(?:hundred|thousand|million|billion|trillion)\b)*)/giu;
  for (const m of asciiDigits(en).matchAll(re)) {
    const n = Number(`${m[1].replaceAll(',', '')}${m[2] ? `.${m[2]}` : ''}`);
    raw.push(n);
    let factor = 1;
    for (const w of m[3].toLowerCase().match(/[a-z]+/gu) ?? []) factor *= SCALES[w] ?? 1;
    scaled.push(n * factor);
  }
  return { raw, scaled };
}

const hasWord = (text: string, word: string) => new RegExp(`\\b${word}\\b`, 'iu').test(text);

function numberFound(n: ZhNumber, en: string, found: { raw: number[]; scaled: number[] }): boolean {
  if (found.scaled.some((v) => close(v, n.value))) return true;
  // 千 is often a unit prefix (千米, 千克, 千瓦): "3 kilometers" keeps the written number.
  if ((n.multiplier === null || n.multiplier === '千') && found.raw.some((v) => close(v, n.raw))) return true;
  if (n.multiplier === null && Number.isInteger(n.raw) && n.raw <= 20) {
    if (hasWord(en, WORDS[n.raw]) || (n.raw > 0 && hasWord(en, ORDINALS[n.raw]))) return true;
    if (n.raw === 1 && /\bonce\b/iu.test(en)) return true;
    if (n.raw === 2 && /\btwice\b/iu.test(en)) return true;
  }
  if (n.month) {
    const name = MONTHS[n.raw];
    if (hasWord(en, name) || hasWord(en, `${name.slice(0, 3)}\\.?`) || (n.raw === 9 && /\bsept\b/iu.test(en)))
      return true;
  }
  return false;
}

/** Lower case, straight quotes removed, leading "the " dropped, spaces collapsed. */
export function normaliseTerm(s: string): string {
  return s
    .toLowerCase()
    .replace(/[‘’`´]/gu, "'")
    .replace(/["“”«»]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^the /u, '');
}

function occurrences(text: string, needle: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) out.push(i);
  return out;
}

let variantsByZh: Map<string, string[]> | null = null;

/** Older official wording and other agencies' renderings the term base accepts beside its own (variants column). */
function acceptedVariants(zh: string): string[] {
  variantsByZh ??= new Map(
    loadTermBase()
      .filter((t) => t.variants.length > 0)
      .map((t) => [t.zh, t.variants]),
  );
  return variantsByZh.get(zh) ?? [];
}

/** A person's name as pinyin, loosely: case, spaces, hyphens and apostrophes do not count (Chen Min'er, Chen Miner). */
const looseName = (s: string) => s.toLowerCase().replace(/[\s'’\-]/gu, '');

function nameProblems(zh: string, en: string): string[] {
  const target = looseName(en);
  const names = new Set(findPeople(zh).map((p) => p.name));
  return [...names]
    .filter((name) => !target.includes(looseName(renderPinyinName(name))))
    .map((name) => `name ${name} missing (expected "${renderPinyinName(name)}")`);
}

function termProblems(zh: string, en: string, glossary: readonly GlossaryEntry[]): string[] {
  const byZh = new Map<string, string[]>();
  for (const g of glossary) {
    if (!g.zh.trim() || !g.en.trim() || g.en.includes('{')) continue;
    byZh.set(g.zh, [...(byZh.get(g.zh) ?? []), g.en]);
  }
  const present = [...byZh.keys()].filter((t) => zh.includes(t));
  const spans = present.map((t) => ({ t, at: occurrences(zh, t) }));
  const target = normaliseTerm(en);
  const problems: string[] = [];
  for (const { t, at } of spans) {
    // An occurrence inside a longer glossary term (市委 inside 市委书记) is checked through the longer term.
    const free = at.some(
      (s) => !spans.some((o) => o.t.length > t.length && o.at.some((p) => p <= s && s + t.length <= p + o.t.length)),
    );
    if (!free) continue;
    const renderings = byZh.get(t) ?? [];
    if ([...renderings, ...acceptedVariants(t)].some((r) => target.includes(normaliseTerm(r)))) continue;
    problems.push(`term ${t} missing (expected ${renderings.map((r) => `"${r}"`).join(' or ')})`);
  }
  return problems;
}

/** Problems of an engine's translation `en` of `zh`; empty when none found. */
export function checkTranslation(zh: string, en: string, glossary: readonly GlossaryEntry[] = []): string[] {
  if (en.trim() === '') return ['empty translation'];
  const problems: string[] = [];
  const found = enNumbers(en);
  const seen = new Set<string>();
  for (const n of zhNumbers(zh)) {
    if (seen.has(n.text) || numberFound(n, en, found)) continue;
    seen.add(n.text);
    problems.push(`number ${n.text} missing`);
  }
  problems.push(...nameProblems(zh, en));
  problems.push(...termProblems(zh, en, glossary));
  const han = [...new Set(en.match(/\p{Script=Han}/gu) ?? [])];
  if (han.length > 0)
    problems.push(`Chinese characters left: ${han.slice(0, 10).join('')}${han.length > 10 ? '…' : ''}`);
  return problems;
}
