// What a build tells as it goes, for progress bars, plain progress lines and schedulers' JSON event lines.
import type { BuildTimings } from './build.ts';

export type BuildEvent =
  | { type: 'start'; inputs: number; outDir: string; at: string }
  | {
      type: 'input';
      file: string;
      status: 'built' | 'failed';
      articles: number;
      ms: number;
      reason?: string;
      done: number;
      total: number;
    }
  | { type: 'pdfs'; total: number; reused: number }
  | {
      type: 'pdf';
      key: string;
      file: string;
      status: 'printed' | 'failed';
      ms: number;
      reason?: string;
      done: number;
      total: number;
    }
  | {
      type: 'end';
      exitCode: 0 | 1;
      inputs: number;
      built: number;
      failed: { file: string; reason: string }[];
      articles: number;
      pdfs: { printed: number; reused: number; failed: number };
      timings: BuildTimings;
      at: string;
    };
