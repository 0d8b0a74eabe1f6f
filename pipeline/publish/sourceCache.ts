// What each input made the last time, kept beside the output (TARGET/.briefings-cache/), so a rebuild runs the text
// stages and templates only for inputs that changed. An entry is keyed by everything its output depends on: the
// input's bytes, meta and review file, the settings of the build and a fingerprint of the code, data and templates.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { VFileMessage } from 'vfile-message';
import { LABELS } from '../domain/labels.ts';
import type { Article } from '../domain/types.ts';
import type { SourceRecord } from '../manifest.ts';
import type { RenderedPage } from '../render/renderArticlePages.ts';
import { writeFileAtomic } from './writeFiles.ts';

export const CACHE_FOLDER = '.briefings-cache';
const FORMAT = 1;

/** A diagnostic as JSON: what `formatDiagnostic` and the CLI's JSON lines read from a vfile message. */
export interface StoredMessage {
  reason: string;
  file: string;
  ruleId: string | null;
  source: string | null;
  fatal: boolean | null;
  place?: VFileMessage['place'];
  byteOffset?: number;
  note?: string;
}

/** What a source made: its record, its articles and their pages (page data without what is shared or repeated). */
export interface StoredSource {
  record: SourceRecord;
  articles: Article[];
  pages: { markdown: string; html: string; data: Record<string, unknown> }[];
}

export interface CacheEntry {
  format: typeof FORMAT;
  key: string;
  file: string;
  /** Why the input failed in the text stages, or null when it was built. */
  failed: string | null;
  articles: number;
  messages: StoredMessage[];
}

export function storeMessage(message: VFileMessage): StoredMessage {
  const stored: StoredMessage = {
    reason: message.reason,
    file: message.file ?? '',
    ruleId: message.ruleId ?? null,
    source: message.source ?? null,
    fatal: message.fatal ?? null,
  };
  if (message.place) stored.place = message.place;
  const byteOffset = (message as VFileMessage & { byteOffset?: number }).byteOffset;
  if (byteOffset !== undefined) stored.byteOffset = byteOffset;
  if (message.note) stored.note = message.note;
  return stored;
}

export function restoreMessage(stored: StoredMessage): VFileMessage {
  const message = new VFileMessage(stored.reason, {
    place: stored.place,
    ruleId: stored.ruleId ?? undefined,
    source: stored.source ?? undefined,
  });
  message.file = stored.file;
  message.fatal = stored.fatal;
  if (stored.byteOffset !== undefined)
    (message as VFileMessage & { byteOffset?: number }).byteOffset = stored.byteOffset;
  if (stored.note) message.note = stored.note;
  return message;
}

const sha256 = (...parts: (string | Uint8Array)[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(typeof part === 'string' ? `${part.length}:${part}` : part);
  return hash.digest('hex');
};

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

const fingerprints = new Map<string, string>();

/** The code, data, templates and locked dependencies a build runs with: any change there makes every entry stale. */
export function codeFingerprint(projectRoot: string): string {
  const known = fingerprints.get(projectRoot);
  if (known) return known;
  const hash = createHash('sha256');
  const files = [
    ...['pipeline', 'data', 'templates'].flatMap((folder) => filesUnder(path.join(projectRoot, folder))),
    path.join(projectRoot, 'package.json'),
    path.join(projectRoot, 'package-lock.json'),
  ];
  for (const file of files) {
    if (!existsSync(file)) continue;
    hash.update(path.relative(projectRoot, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  const fingerprint = hash.digest('hex');
  fingerprints.set(projectRoot, fingerprint);
  return fingerprint;
}

/** The key of one input's entry: its name, bytes, meta and review, under the build's settings fingerprint. */
export function sourceKey(settings: string, file: string, bytes: Uint8Array, meta: unknown, review: unknown): string {
  return sha256(settings, file, bytes, JSON.stringify(meta ?? null), JSON.stringify(review ?? null));
}

/** One fingerprint of many parts (settings, or the keys of every input of a build). */
export function fingerprintOf(...parts: string[]): string {
  return sha256(...parts);
}

export class SourceCache {
  readonly dir: string;

  constructor(target: string) {
    this.dir = path.join(target, CACHE_FOLDER, 'sources');
  }

  private entryPath(key: string) {
    return path.join(this.dir, `${key}.json`);
  }

  private valuePath(key: string) {
    return path.join(this.dir, `${key}.value.json`);
  }

  /** The entry for `key` (its messages and outcome, not its pages), or null when absent or unreadable. */
  entry(key: string): CacheEntry | null {
    try {
      const entry = JSON.parse(readFileSync(this.entryPath(key), 'utf8')) as CacheEntry;
      if (entry.format !== FORMAT || entry.key !== key) return null;
      if (entry.failed === null && !existsSync(this.valuePath(key))) return null;
      return entry;
    } catch {
      return null;
    }
  }

  /** The source's record, articles and pages with their page data whole again, or null when unreadable. */
  value(key: string): { record: SourceRecord; articles: Article[]; pages: RenderedPage[] } | null {
    try {
      const stored = JSON.parse(readFileSync(this.valuePath(key), 'utf8')) as StoredSource;
      const pages = stored.pages.map((page, i) => ({
        article: stored.articles[i],
        markdown: page.markdown,
        html: page.html,
        data: { ...page.data, article: stored.articles[i], source: stored.record, labels: LABELS },
      })) as RenderedPage[];
      return { record: stored.record, articles: stored.articles, pages };
    } catch {
      return null;
    }
  }

  /** Keeps what one input made; the value is written before the entry, so an entry never points at nothing. */
  put(
    key: string,
    file: string,
    outcome:
      | { failed: string; messages: VFileMessage[] }
      | { failed: null; messages: VFileMessage[]; record: SourceRecord; pages: RenderedPage[] },
  ): void {
    if (outcome.failed === null) {
      const stored: StoredSource = {
        record: outcome.record,
        articles: outcome.pages.map((p) => p.article),
        pages: outcome.pages.map((p) => {
          const { article: _article, source: _source, labels: _labels, ...data } = p.data;
          return { markdown: p.markdown, html: p.html, data };
        }),
      };
      writeFileAtomic(this.valuePath(key), JSON.stringify(stored));
    }
    const entry: CacheEntry = {
      format: FORMAT,
      key,
      file,
      failed: outcome.failed,
      articles: outcome.failed === null ? outcome.pages.length : 0,
      messages: outcome.messages.map(storeMessage),
    };
    writeFileAtomic(this.entryPath(key), JSON.stringify(entry));
  }

  private buildPath() {
    return path.join(path.dirname(this.dir), 'build.json');
  }

  /** Keeps the diagnostics of a whole build (site, summary), told again when the next one has nothing to do. */
  putBuild(buildKey: string, messages: VFileMessage[]): void {
    writeFileAtomic(
      this.buildPath(),
      JSON.stringify({ format: FORMAT, buildKey, messages: messages.map(storeMessage) }),
    );
  }

  /** The diagnostics of the build with this key, or null when the last one kept had another key. */
  buildMessages(buildKey: string): StoredMessage[] | null {
    try {
      const stored = JSON.parse(readFileSync(this.buildPath(), 'utf8')) as {
        buildKey: string;
        messages: StoredMessage[];
      };
      return stored.buildKey === buildKey && Array.isArray(stored.messages) ? stored.messages : null;
    } catch {
      return null;
    }
  }

  /** Removes the entries of inputs this build did not have (changed or gone); returns how many. */
  prune(keep: Set<string>): number {
    if (!existsSync(this.dir)) return 0;
    let removed = 0;
    // Half-written files of a run killed mid-write (the lock makes this run the only writer).
    for (const name of readdirSync(path.dirname(this.dir)))
      if (name.startsWith('.tmp-')) rmSync(path.join(path.dirname(this.dir), name), { force: true });
    for (const name of readdirSync(this.dir)) {
      const key = /^([0-9a-f]{64})(?:\.value)?\.json$/u.exec(name)?.[1];
      if (key && keep.has(key)) continue;
      rmSync(path.join(this.dir, name), { force: true });
      removed += 1;
    }
    return removed;
  }
}
