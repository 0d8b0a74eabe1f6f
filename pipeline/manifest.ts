// The manifest briefings.json: file-level facts under sources, article-level facts under articles (contract.md).
import type { Article, CleanedSource, Edit, Flag, SourceMetadataLine } from './domain/types.ts';

export interface SourceRecord {
  file: string;
  sha256: string;
  encoding: string;
  script: string;
  issueDate: string | null;
  edits: Edit[];
  flags: Flag[];
  /** Extension: metadata lines the cleaner moved out of the body (bylines, captions, credits, source lines). */
  metadata: SourceMetadataLine[];
  /** Extension: the articles found in this file. */
  articles: string[];
  /** Extension: publisher and publication time read from a web copy's 来源 line or a page header. */
  origin: { publisher: string | null; publishedAt: string | null } | null;
  /** Extension: the paper named in NAME.meta.json (the index page filters by it). */
  paper?: string | null;
}

/** 来源:中央广电总台国际在线 | 2024-03-01 16:13:19 → publisher and ISO time. */
export function parseOrigin(metadata: SourceMetadataLine[]): SourceRecord['origin'] {
  const line = metadata.find((m) => m.kind === 'source-line');
  if (!line) return null;
  const publisher =
    /^(?:来源|稿源|出处)[:：]\s*([^|｜\d]+?)\s*(?:[|｜]|\d{4}[-/.]|$)/u.exec(line.text)?.[1]?.trim() ??
    /^([\p{Script=Han}]{2,12}(?:报|网|台|社))/u.exec(line.text)?.[1] ??
    null;
  const t = /(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?/u.exec(line.text);
  const pad = (x: string | undefined) => (x ?? '0').padStart(2, '0');
  const publishedAt = t
    ? `${t[1]}-${pad(t[2])}-${pad(t[3])}${t[4] ? `T${pad(t[4])}:${pad(t[5])}:${pad(t[6])}` : ''}`
    : null;
  return { publisher, publishedAt };
}

export interface FailedInput {
  file: string;
  reason: string;
}

export interface Manifest {
  version: 1;
  generator: string;
  sources: SourceRecord[];
  articles: Article[];
  /** Extension: inputs that could not be built, with the reason. */
  failed: FailedInput[];
}

export function sourceRecord(cleaned: CleanedSource, issueDate: string | null, articles: Article[]): SourceRecord {
  const s = cleaned.source;
  return {
    file: s.file,
    sha256: s.sha256,
    encoding: s.encoding,
    script: s.script,
    issueDate,
    edits: cleaned.edits,
    flags: [...cleaned.flags],
    metadata: cleaned.metadata,
    articles: articles.map((a) => a.id),
    origin: parseOrigin(cleaned.metadata),
    paper: s.meta.paper ?? null,
  };
}

export function buildManifest(
  sources: SourceRecord[],
  articles: Article[],
  failed: FailedInput[],
  generator: string,
): Manifest {
  return { version: 1, generator, sources, articles, failed };
}
