// bench/results.json: every figure and ratio of the last run of each part, with the machine and the load it ran
// under. A part rerun alone (--only) replaces its own entry and keeps the others, each with its own date and load.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

export interface Machine {
  cpuModel: string;
  cpus: number;
  totalMemoryMB: number;
  os: string;
  node: string;
  chromium: string | null;
  /** The browser the PDFs print with, when another than `chromium` (Debian's chromium-headless-shell). */
  printer?: string | null;
  commit: string | null;
  /** Files changed in the working tree when the bench ran (other people's work in progress is measured too). */
  dirtyFiles: number | null;
}

export interface PartResult {
  ranAt: string;
  seconds: number;
  /** os.loadavg() before and after the part: the machine is shared, so only ratios within one run compare. */
  loadBefore: number[];
  loadAfter: number[];
  options: Record<string, unknown>;
  figures: Record<string, unknown>;
}

export interface Results {
  version: 1;
  machine: Machine;
  parts: Record<string, PartResult>;
}

function run(command: string, args: string[], cwd?: string): string | null {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export function machineInfo(root: string, chromiumPath: string | null, printerPath?: string | null): Machine {
  const cpus = os.cpus();
  const dirty = run('git', ['status', '--porcelain'], root);
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cpus: cpus.length,
    totalMemoryMB: Math.round(os.totalmem() / 1024 / 1024),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: chromiumPath ? run(chromiumPath, ['--version']) : null,
    printer: printerPath && printerPath !== chromiumPath ? run(printerPath, ['--version']) : null,
    commit: run('git', ['rev-parse', 'HEAD'], root),
    dirtyFiles: dirty === null ? null : dirty.split('\n').filter(Boolean).length,
  };
}

/** Merges this run's parts into the file: parts not rerun keep their last figures. */
export function writeResults(file: string, machine: Machine, parts: Record<string, PartResult>): Results {
  let previous: Partial<Results> = {};
  if (existsSync(file)) {
    try {
      previous = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      previous = {};
    }
  }
  const results: Results = { version: 1, machine, parts: { ...(previous.parts ?? {}), ...parts } };
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return results;
}

export interface Row {
  measure: string;
  value: string;
  baseline?: string;
  ratio?: string;
  target?: string;
  /** true met, false missed, undefined no target. */
  met?: boolean;
}

/** A plain-text table: measure, value, baseline, ratio, target and whether it is met. */
export function formatTable(title: string, rows: Row[]): string {
  const head = ['measure', 'value', 'baseline', 'ratio', 'target', ''];
  const cells = rows.map((r) => [
    r.measure,
    r.value,
    r.baseline ?? '',
    r.ratio ?? '',
    r.target ?? '',
    r.met === undefined ? '' : r.met ? 'met' : 'MISSED',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) =>
    c
      .map((x, i) => x.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [`\n== ${title}`, line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

export const mb = (bytes: number) => bytes / 1e6;
export const fixed = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : String(n));
