// PDFs through a queue of render workers (BullMQ on Redis): what build and the CLI use of pipeline/queue/.
import type { PdfPrinter } from '../render/browser.ts';
import { probeRedis, redactUrl } from './connection.ts';
import { QueueUnreachableError } from './errors.ts';
import { createQueuePrinter } from './queuePrinter.ts';

export { QueueUnreachableError } from './errors.ts';
export { createQueuePrinter, type QueuePrinter, type QueueStats } from './queuePrinter.ts';
export { runWorker, type WorkerOptions } from './worker.ts';

export interface QueueSettings {
  queue?: string;
  queueFallback?: 'local' | 'fail';
}

/**
 * Settles before a build writes anything whether its PDFs go to the queue: returns the opener of the queue printer,
 * or null when Redis is unreachable and the config says `queueFallback: "local"` (after a warning); unreachable
 * otherwise is a QueueUnreachableError (exit code 2).
 */
export async function queuePrinterFor(
  settings: QueueSettings & { queue: string },
  local: () => Promise<PdfPrinter>,
  warn: (reason: string) => void,
): Promise<(() => Promise<PdfPrinter>) | null> {
  const fallback = settings.queueFallback === 'local';
  try {
    await probeRedis(settings.queue);
  } catch (error) {
    if (!(error instanceof QueueUnreachableError)) throw error;
    if (!fallback)
      throw new QueueUnreachableError(
        `${error.message}, or set "queueFallback": "local" in briefings.config.json to print the PDFs here`,
        { cause: error },
      );
    warn(`${error.message.replace(/;.*$/su, '')}: printing the PDFs here (queueFallback "local")`);
    return null;
  }
  return async () => {
    try {
      const url = settings.queue;
      return await createQueuePrinter({ url, fallback: fallback ? local : undefined, onWarning: warn });
    } catch (error) {
      const reason = `queue at ${redactUrl(settings.queue)}: ${(error as Error).message}`;
      if (!fallback) throw new Error(reason, { cause: error });
      warn(`${reason}: printing the PDFs here (queueFallback "local")`);
      return local();
    }
  };
}
