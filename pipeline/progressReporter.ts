// How a build's progress reaches people and schedulers: a bar on a terminal, plain lines otherwise, JSON event
// lines with --json, only failures with --quiet.
import type { VFileMessage } from 'vfile-message';
import type { BuildEvent } from './buildEvents.ts';
import { severityOf } from './domain/diagnostics.ts';

export type ProgressMode = 'bar' | 'lines' | 'json' | 'quiet';

export interface ProgressIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Rewrites the current terminal line (progress bars only). */
  redraw?: (text: string) => void;
}

const BAR = 24;

function bar(done: number, total: number): string {
  const filled = total === 0 ? BAR : Math.round((done / total) * BAR);
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}]`;
}

export function progressReporter(io: ProgressIo, mode: ProgressMode) {
  let inputs = { done: 0, total: 0 };
  let pdfs = { done: 0, total: 0 };
  let current = '';
  const draw = () => {
    if (mode !== 'bar' || !io.redraw) return;
    const stage = pdfs.total > 0 ? `PDFs ${pdfs.done}/${pdfs.total}` : `inputs ${inputs.done}/${inputs.total}`;
    const [done, total] = pdfs.total > 0 ? [pdfs.done, pdfs.total] : [inputs.done, inputs.total];
    io.redraw(`${bar(done, total)} ${stage} · ${current}`);
  };
  return {
    onProgress(event: BuildEvent): void {
      if (mode === 'json') {
        io.out(JSON.stringify(event));
        return;
      }
      switch (event.type) {
        case 'start':
          inputs = { done: 0, total: event.inputs };
          current = 'reading inputs';
          break;
        case 'input':
          inputs = { done: event.done, total: event.total };
          current = event.file;
          if (event.status === 'failed' && mode === 'quiet') io.err(`failed: ${event.file}: ${event.reason ?? ''}`);
          if (mode === 'lines')
            io.out(
              `[${event.done}/${event.total}] ${event.file}: ${event.status}` +
                (event.status === 'built' ? `, ${event.articles} articles` : '') +
                ` (${Math.round(event.ms)} ms)`,
            );
          break;
        case 'pdfs':
          pdfs = { done: 0, total: event.total };
          if (mode === 'lines') io.out(`PDFs: ${event.total} to print, ${event.reused} unchanged`);
          break;
        case 'pdf':
          pdfs = { done: event.done, total: event.total };
          current = `${event.key}.pdf`;
          if (event.status === 'failed' && mode === 'quiet') io.err(`failed: ${event.key}.pdf: ${event.reason ?? ''}`);
          if (mode === 'lines')
            io.out(`[pdf ${event.done}/${event.total}] ${event.key}.pdf: ${event.status} (${Math.round(event.ms)} ms)`);
          break;
        case 'end':
          if (mode === 'bar') io.redraw?.('');
          break;
      }
      draw();
    },
    /** Diagnostics as JSON event lines (warnings and errors; info only when verbose). */
    onMessage(m: VFileMessage, verbose: boolean): void {
      const severity = severityOf(m);
      if (mode !== 'json' || (severity === 'info' && !verbose)) return;
      const event = { type: 'message', file: m.file, line: m.line, column: m.column, severity, rule: m.ruleId };
      io.out(JSON.stringify({ ...event, reason: m.reason }));
    },
  };
}
