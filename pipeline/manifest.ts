// The manifest briefings.json: file-level facts under sources, article-level facts under articles (contract.md).
import type { Article, CleanedSource, Edit, Flag, SourceMetadataLine } from './types.ts';

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
    flags: cleaned.flags,
    metadata: cleaned.metadata,
    articles: articles.map((a) => a.id),
  };
}

export function buildManifest(sources: SourceRecord[], articles: Article[], failed: FailedInput[], generator: string): Manifest {
  return { version: 1, generator, sources, articles, failed };
}
