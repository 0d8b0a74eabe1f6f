// Stray control characters in pasted text (a BEL, a terminal's ANSI colour codes ESC[31m): not text, removed with an
// edit and a warning. An escape sequence leaves as a whole, so no "[31m" is left behind.
import { REMOVED_ROLES, type CleanDocument } from '../document.ts';
import type { CleanRule } from './cleanRule.ts';

/** ANSI/VT escape sequences (CSI, OSC, two-character ESC forms, the C1 CSI) and single C0/C1 control characters. */
export const CONTROL_SEQUENCE =
  /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/gu;

const NAMES: Record<number, string> = {
  0x00: 'NUL',
  0x07: 'BEL',
  0x08: 'BS',
  0x0b: 'VT',
  0x0c: 'FF',
  0x1b: 'ESC',
  0x7f: 'DEL',
};

/** How a control sequence reads in a message: ESC[31m, U+0007 BEL. */
export function describeControl(sequence: string): string {
  const code = sequence.codePointAt(0)!;
  const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}${NAMES[code] ? ` ${NAMES[code]}` : ''}`;
  if (sequence.length === 1) return name;
  return `escape sequence ${sequence.replace(/\x1b/gu, 'ESC').replace(/\x07/gu, 'BEL').replace(/\x9b/gu, 'CSI')}`;
}

export const removeControlCharacters: CleanRule = {
  id: 'control-character',
  repair: true,
  apply(doc: CleanDocument) {
    for (const line of doc.lines) {
      let count = 0;
      let first: { start: number; end: number; text: string } | null = null;
      for (const m of line.text.matchAll(CONTROL_SEQUENCE)) {
        const start = line.start + m.index!;
        const end = start + m[0].length;
        count += 1;
        first ??= { start, end, text: m[0] };
        // A line that leaves by its role (debris, a byline) takes its control characters with it, in its own edit.
        if (REMOVED_ROLES.has(line.role)) continue;
        doc.propose({
          rule: 'control-character',
          op: 'delete',
          start,
          end,
          after: '',
          confidence: 0.99,
          reason: `control character in text (${describeControl(m[0])}): not part of the text`,
        });
      }
      if (first)
        doc.note({
          rule: 'control-character',
          start: first.start,
          end: first.end,
          reason: `${count} control character${count > 1 ? 's' : ''} in line ${line.index + 1} (first: ${describeControl(first.text)}) removed${REMOVED_ROLES.has(line.role) ? ` with the ${line.role} line` : ''}`,
        });
    }
  },
};
