// Peak memory of the processes this bench starts (Chromium's browser and renderers, a child build), read from
// /proc: VmHWM (status) is a process's own peak RSS; Pss (smaps_rollup) what it holds at the moment of the sample with
// shared pages split between the processes sharing them, so that a sum over Chromium's processes does not overcount.
import { readdirSync, readFileSync } from 'node:fs';

interface Seen {
  name: string;
  hwmKB: number;
}

export interface MemoryFigures {
  processes: number;
  /** Largest single process peak (VmHWM), in MB: for Chromium, usually the browser or the busiest renderer. */
  largestPeakMB: number;
  /** Sum of every process's own peak: an upper bound (peaks need not coincide; shared pages count twice). */
  sumOfPeaksMB: number;
  /** Largest sum of Pss (VmRSS where Pss cannot be read) over all processes at one sample: the real footprint. */
  peakConcurrentMB: number;
}

const field = (text: string, key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'mu').exec(text)?.[1] ?? 0);

function statusOf(pid: number): { name: string; pssKB: number; hwmKB: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    let pssKB = field(text, 'VmRSS');
    try {
      pssKB = field(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'), 'Pss') || pssKB;
    } catch {
      // Older kernels have no smaps_rollup: VmRSS overcounts shared pages but is still a bound.
    }
    return { name: /^Name:\s+(.*)$/mu.exec(text)?.[1] ?? '', pssKB, hwmKB: field(text, 'VmHWM') };
  } catch {
    return null;
  }
}

/** Every live descendant of a process, from the parent pids in /proc/<pid>/stat. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/u.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: the parent pid is the second field after it.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

const isChromium = (name: string) => /chrom/iu.test(name);

/** Samples the descendants of this process every few hundred ms until stopped; groups Chromium and the rest. */
export class MemorySampler {
  private seen = new Map<number, Seen>();
  private peakConcurrent = { chromium: 0, other: 0 };
  private timer: NodeJS.Timeout | null = null;

  start(intervalMs = 200): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
    return this;
  }

  sample(): void {
    const now = { chromium: 0, other: 0 };
    for (const pid of descendants(process.pid)) {
      const status = statusOf(pid);
      if (!status || status.hwmKB === 0) continue;
      const before = this.seen.get(pid);
      this.seen.set(pid, { name: status.name, hwmKB: Math.max(before?.hwmKB ?? 0, status.hwmKB) });
      now[isChromium(status.name) ? 'chromium' : 'other'] += status.pssKB;
    }
    this.peakConcurrent.chromium = Math.max(this.peakConcurrent.chromium, now.chromium);
    this.peakConcurrent.other = Math.max(this.peakConcurrent.other, now.other);
  }

  stop(): { chromium: MemoryFigures; other: MemoryFigures } {
    if (this.timer) clearInterval(this.timer);
    this.sample();
    const group = (chromium: boolean): MemoryFigures => {
      const list = [...this.seen.values()].filter((s) => isChromium(s.name) === chromium);
      const mb = (kb: number) => Math.round(kb / 102.4) / 10;
      return {
        processes: list.length,
        largestPeakMB: mb(Math.max(0, ...list.map((s) => s.hwmKB))),
        sumOfPeaksMB: mb(list.reduce((sum, s) => sum + s.hwmKB, 0)),
        peakConcurrentMB: mb(chromium ? this.peakConcurrent.chromium : this.peakConcurrent.other),
      };
    };
    return { chromium: group(true), other: group(false) };
  }
}
