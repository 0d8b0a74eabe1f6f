// Chinese numerals as the genre writes them: 一 … 九十九 (items, sessions, terms) and 二〇二九 (years), or Arabic digits.

const DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 十二 → 12, 二十一 → 21, 二〇二九 → 2029, "12" → 12; NaN when the text is not a well-formed number. */
export function parseChineseNumber(text: string): number {
  if (/^\d+$/u.test(text)) return Number.parseInt(text, 10);
  if (/^[〇零一二三四五六七八九]{4}$/u.test(text)) return Number.parseInt([...text].map((c) => DIGITS[c]).join(''), 10);
  const m = /^([一二两三四五六七八九]?)(十)?([一二三四五六七八九]?)$/u.exec(text);
  if (!m || text === '') return Number.NaN;
  if (!m[2]) return m[3] ? Number.NaN : (DIGITS[m[1]] ?? Number.NaN); // 二三 is not a number
  return (m[1] ? DIGITS[m[1]] : 1) * 10 + (m[3] ? DIGITS[m[3]] : 0);
}

/** A positive whole number, or null (so a line with a malformed number stays text). */
export function itemNumber(text: string): number | null {
  const n = parseChineseNumber(text);
  return Number.isInteger(n) && n >= 1 ? n : null;
}
