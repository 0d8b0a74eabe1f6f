// The character table the search folds text with (traditional and regional variant forms → simplified), made from
// OpenCC's own character dictionaries so the index and the query fold exactly as the ingest stage converts.
import * as OpenCC from 'opencc-js/preset/t2cn';

export interface FoldTable {
  /** Characters that fold, and what each folds to: two strings with the same number of code points. */
  from: string;
  to: string;
}

/** The single-character entries of a dictionary group ("臺 台|檯 台…" strings or [from, to] pairs). */
function characterEntries(group: readonly (string | readonly (readonly [string, string])[])[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const dict of group) {
    const pairs =
      typeof dict === 'string'
        ? dict.split('|').map((e) => e.split(' ') as [string, string])
        : (dict as readonly (readonly [string, string])[]);
    for (const [from, to] of pairs) {
      const target = to?.split(' ')[0];
      if (target && [...from].length === 1 && [...target].length === 1 && !out.has(from)) out.set(from, target);
    }
  }
  return out;
}

/**
 * Hong Kong and Taiwan variant forms to OpenCC's standard forms, then standard traditional to simplified, character
 * by character (phrase tables are for whole texts; a query is folded one character at a time, like the text it is
 * matched against), closed so that folding twice is folding once.
 */
export function buildFoldTable(): FoldTable {
  const steps = [
    ...OpenCC.from.hk.map(characterEntries),
    ...OpenCC.from.tw.map(characterEntries),
    ...OpenCC.to.cn.map(characterEntries),
  ];
  const chars = new Set(steps.flatMap((m) => [...m.keys()]));
  const once = (c: string) => steps.reduce((x, step) => step.get(x) ?? x, c);
  const table = new Map<string, string>();
  for (const c of chars) {
    let x = once(c);
    for (let guard = 0; guard < 4 && once(x) !== x; guard++) x = once(x);
    if (x !== c) table.set(c, x);
  }
  const entries = [...table].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { from: entries.map(([f]) => f).join(''), to: entries.map(([, t]) => t).join('') };
}
