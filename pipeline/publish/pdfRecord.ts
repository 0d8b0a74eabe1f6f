// What the last build printed, so an unchanged page is not printed again and a removed input's files leave with it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './writeFiles.ts';

export interface BuildRecord {
  /** Page key (article id or `digest`) → fingerprint of the HTML, stylesheet, fonts and version it was printed from. */
  pdf: Record<string, string>;
  /** Every file the build wrote for its articles, relative to the output folder. */
  files: string[];
  /** The page each article of the digest starts on, as its contents last printed them. */
  digestPages?: (number | null)[];
  /** Fingerprint of everything the build read (code, settings, every input): equal next time means nothing to do. */
  buildKey?: string;
}

const RECORD = '.briefings-build.json';

export function emptyRecord(): BuildRecord {
  return { pdf: {}, files: [] };
}

/** The record in `dir`, or an empty one when there is none or it is unreadable (then everything is printed). */
export function readRecord(dir: string | null): BuildRecord {
  if (!dir || !existsSync(path.join(dir, RECORD))) return emptyRecord();
  try {
    const record = JSON.parse(readFileSync(path.join(dir, RECORD), 'utf8')) as BuildRecord;
    return record && typeof record.pdf === 'object' && Array.isArray(record.files) ? record : emptyRecord();
  } catch {
    return emptyRecord();
  }
}

export function writeRecord(dir: string, record: BuildRecord): void {
  writeFileAtomic(path.join(dir, RECORD), `${JSON.stringify(record)}\n`);
}

/** A page's PDF depends on its HTML and the style fingerprint (stylesheet, fonts, version): any change prints it. */
export function pageFingerprint(html: string, styleFingerprint: string): string {
  return createHash('sha256').update(html).update(styleFingerprint).digest('hex');
}

export function styleFingerprintOf(...parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

/** The previous build's PDF for `key` when its fingerprint is unchanged and the file is still there. */
export function reusablePdf(previous: BuildRecord, previousDir: string | null, key: string, fingerprint: string) {
  if (!previousDir || previous.pdf[key] !== fingerprint) return null;
  const file = path.join(previousDir, `${key}.pdf`);
  return existsSync(file) ? file : null;
}
