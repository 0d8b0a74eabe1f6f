// Diagnostics are vfile messages: file, line/column (and code-point offset), severity, rule id.
import { VFileMessage } from 'vfile-message';

export type Severity = 'error' | 'warning' | 'info';

/** Code-point offsets where each line starts, for the last text asked about (a page's flags share one text). */
let lineIndex: { text: string; starts: number[]; length: number } | null = null;

function lineStartsOf(text: string): { starts: number[]; length: number } {
  if (lineIndex?.text === text) return lineIndex;
  const starts = [0];
  let cp = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i += 1;
    cp += 1;
    if (c === 0x0a) starts.push(cp);
  }
  lineIndex = { text, starts, length: cp };
  return lineIndex;
}

/** Line and column (1-based) of a code-point offset in text: a binary search, so many diagnostics stay linear. */
export function pointAt(text: string, offset: number): { line: number; column: number; offset: number } {
  const { starts, length } = lineStartsOf(text);
  const at = Math.min(offset, length);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: at - starts[lo] + 1, offset };
}

export interface DiagnosticInput {
  file: string;
  rule: string;
  reason: string;
  severity?: Severity;
  /** Text the offsets refer to; when absent, only the offset (or a byte offset) is reported. */
  text?: string;
  start?: number;
  end?: number;
  /** For bytes that are not text yet. */
  byteOffset?: number;
}

export function diagnostic(input: DiagnosticInput): VFileMessage {
  let place: { start: ReturnType<typeof pointAt>; end: ReturnType<typeof pointAt> } | undefined;
  if (input.text !== undefined && input.start !== undefined) {
    const start = pointAt(input.text, input.start);
    const end = pointAt(input.text, input.end ?? input.start);
    place = { start, end };
  }
  const message = new VFileMessage(input.reason, { place, ruleId: input.rule, source: 'briefings' });
  message.file = input.file;
  message.fatal = input.severity === 'error' ? true : input.severity === 'info' ? null : false;
  if (input.byteOffset !== undefined) (message as VFileMessage & { byteOffset?: number }).byteOffset = input.byteOffset;
  return message;
}

export function severityOf(message: VFileMessage): Severity {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info';
}

/** `file:line:column: severity: reason [rule]`, the shape editors and CI logs understand. */
export function formatDiagnostic(message: VFileMessage): string {
  const m = message as VFileMessage & { byteOffset?: number };
  const where =
    message.place && 'start' in message.place
      ? `:${message.place.start.line}:${message.place.start.column}`
      : message.line
        ? `:${message.line}:${message.column ?? 1}`
        : m.byteOffset !== undefined
          ? ` (byte ${m.byteOffset})`
          : '';
  return `${message.file ?? '<input>'}${where}: ${severityOf(message)}: ${message.reason} [${message.source}:${message.ruleId}]`;
}

export function hasErrors(messages: VFileMessage[]): boolean {
  return messages.some((m) => m.fatal === true);
}
