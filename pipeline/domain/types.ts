// The data that flows between stages. Names and shapes of the manifest follow ../shared/docs/contract.md.
import type { VFileMessage } from 'vfile-message';

/** What every stage returns: its value and its diagnostics (vfile messages with file, place, rule id). */
export interface StageResult<T> {
  value: T;
  messages: VFileMessage[];
}

export type Script = 'simplified' | 'traditional' | 'mixed' | 'none';

/** Optional facts beside an input (`NAME.meta.json`). */
export interface SourceMeta {
  issueDate?: string;
  paper?: string;
  page?: string;
  url?: string;
}

/** ingest: bytes → text. `text` is the decoded text after BOM removal, LF line ends and script conversion. */
export interface IngestedSource {
  file: string;
  sha256: string;
  encoding: string;
  script: Script;
  /** The decoded text before script conversion (traditional kept so a briefing can show either). */
  originalText: string;
  text: string;
  meta: SourceMeta;
}

export type EditOp = 'delete' | 'replace' | 'join' | 'extract';

/** One change the cleaner made. Offsets are code points into IngestedSource.text. */
export interface Edit {
  rule: string;
  op: EditOp;
  start: number;
  end: number;
  before: string;
  after: string;
  confidence: number;
  reason: string;
}

/** A doubt left for a human: nothing was changed. */
export interface Flag {
  rule: string;
  start: number;
  end: number;
  text: string;
  suggestion: string | null;
  reason: string;
}

export type LineRole =
  | 'blank'
  | 'body'
  | 'headline'
  | 'subhead'
  | 'kicker'
  | 'byline'
  | 'dateline'
  | 'source-line'
  | 'caption'
  | 'credit'
  | 'debris'
  | 'column-name'
  | 'pen-name'
  | 'lead-label'
  | 'adoption-line'
  | 'signature';

/** A line of the cleaned text with its role; `start`/`end` are offsets into the original text. */
export interface CleanLine {
  role: LineRole;
  text: string;
  start: number;
  end: number;
}

/** Metadata the cleaner moved out of the body. */
export interface SourceMetadataLine {
  kind: 'byline' | 'source-line' | 'caption' | 'credit' | 'pen-name' | 'column-name' | 'signature';
  text: string;
  start: number;
  /** Index of the kept line it belongs before (so split can attach it to an article). */
  beforeLine: number;
  /** Extension: why the cleaner took the line out of the body (the line rule's reason), for reviewers. */
  reason?: string;
}

export interface CleanedSource {
  source: IngestedSource;
  text: string;
  lines: CleanLine[];
  metadata: SourceMetadataLine[];
  edits: Edit[];
  flags: Flag[];
}

export interface Byline {
  raw: string;
  reporters: string[];
  agency: string | null;
  correspondents?: string[];
  /** Extension: names from photo credits (…摄). */
  photographers?: string[];
}

/** split: one article's lines. */
export interface ArticleDraft {
  id: string;
  index: number;
  source: CleanedSource;
  lines: CleanLine[];
  metadata: SourceMetadataLine[];
}

export type Genre = 'resolution' | 'press-conference' | 'action-plan' | 'news' | 'commentary' | 'feature' | 'other';

export type EnStatus = 'rule' | 'memory' | 'engine' | 'reviewed' | 'pending';

export interface Segment {
  id: string;
  zh: string;
  en: string | null;
  enStatus: EnStatus;
  /** Extension: how the English came about (memory score, engine name, checks that failed). */
  enNote?: string;
  /** Extension: while pending, the English of the terms, names, places, figures and dates it holds, in order. */
  keyTerms?: KeyTerm[];
  /** Extension: an engine's English that failed the checks: shown to translators, never as the translation. */
  enDraft?: string;
}

/** One entry of a pending segment's key terms: help to see what a paragraph is about, never a translation. */
export interface KeyTerm {
  zh: string;
  en: string;
  kind: 'term' | 'body' | 'title' | 'person' | 'place' | 'figure' | 'date';
}

export interface Title {
  zh: string;
  en: string | null;
}

export interface Person {
  name: string;
  en: string | null;
  titles: Title[];
  firstMention: number;
}

export interface Figure {
  text: string;
  value: number;
  unit: string;
  bound: 'exact' | 'lower' | 'approx' | 'upper';
  /** Extension: the upper end of a range (3至5年 → value 3, valueTo 5). */
  valueTo?: number;
  en: string | null;
}

export interface Term {
  zh: string;
  en: string;
  pinyin: string;
  kind: string;
  source?: string;
  /** Extension: other renderings the checks accept (older official wording, another agency's). */
  variants?: string[];
}

export type Section =
  | { kind: 'preamble'; text: Segment }
  | { kind: 'clause'; lead: string; text: Segment }
  | {
      kind: 'qa';
      question: Segment;
      answerLead: Segment | null;
      answer: Segment[];
      speakers: { name: string; en?: string | null; titles: Title[] }[];
    }
  | { kind: 'item'; number: number; heading: Segment; points: Segment[]; children: ItemSection[] }
  | { kind: 'heading'; text: Segment }
  | { kind: 'paragraph'; text: Segment };

export type ItemSection = Extract<Section, { kind: 'item' }>;

export interface Article {
  id: string;
  source: { file: string; sha256: string };
  genre: Genre;
  title: Segment;
  subtitle: Segment | null;
  kicker: Segment | null;
  column: string | null;
  penName: string | null;
  date: string | null;
  byline: Byline | null;
  lead: Segment | null;
  sections: Section[];
  people: Person[];
  figures: Figure[];
  documents: Title[];
  organizations: Title[];
  places: Title[];
  terms: Term[];
  /** Extension: photo captions kept beside the text. */
  captions: Segment[];
  /** Extension: which session/meeting a resolution reports (十二届三次全会). */
  meeting?: { zh: string; body: string; term: number; session: number; en?: string | null } | null;
  attendance?: { members: number | null; alternates: number | null } | null;
  /** Extension: the English of the article's facts line, made in bilingual so the manifest and XLIFF carry it. */
  english?: ArticleEnglish;
}

/** English of an article's facts: the date, byline names, pen name and attendance as agencies write them. */
export interface ArticleEnglish {
  date: string | null;
  byline: string | null;
  penName: string | null;
  attendance: string | null;
}
