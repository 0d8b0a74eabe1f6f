// A rendering rule turns one recurring Chinese form into English, or says null; lists are tried in order.
import type { Localizer } from './localizer.ts';

export type RenderingRule = (zh: string, loc: Localizer) => string | null;

/** The first rule of the list that renders `zh`, or null when none does. */
export function firstRendering(rules: readonly RenderingRule[], zh: string, loc: Localizer): string | null {
  for (const rule of rules) {
    const en = rule(zh, loc);
    if (en) return en;
  }
  return null;
}
