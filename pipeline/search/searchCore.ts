// The search core (templates/site/search-core.js) loaded into Node: the same script the index page runs, so the
// index is cut into keys exactly as the browser cuts the query.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

export const SITE_ASSETS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'templates',
  'site',
);
export const SEARCH_CORE_FILE = path.join(SITE_ASSETS_DIR, 'search-core.js');

/** One key's postings in one field: documents, occurrence counts, and the stored positions of each. */
export interface FieldPostings {
  docs: Int32Array;
  counts: Int32Array;
  from: Int32Array;
  pos: Int32Array;
  cap: number;
}
export type Postings = Map<number, FieldPostings>;

export interface QueryTerm {
  kind: 'zh' | 'en';
  label: string;
  keys: string[];
}

export interface RankedResult {
  doc: number;
  exact: boolean;
  /** Not settled by the index (a common key keeps only its first positions): the page checks the stored text. */
  maybe: boolean;
  exactTerms: number;
  score: number;
}

export interface SearchAnswer {
  meta: SearchMeta;
  terms: QueryTerm[];
  results: RankedResult[];
}

export interface SearchMeta {
  version: string;
  docs: number;
  shards: number;
  shardKiB: number;
  fields: string[];
  /** Keys with a file of their own (k/N.js), joined with |, and their sizes in KiB (encoded numbers). */
  big: string;
  bigKiB: string;
}

export interface PassagePiece {
  text: string;
  hit: boolean;
}

export interface Passage {
  field: string;
  lang: 'zh' | 'en';
  /** The terms are in the passage as written (else only their pieces). */
  exact: boolean;
  before: boolean;
  after: boolean;
  pieces: PassagePiece[];
}

/** A document's stored texts: [zh, en], each one string per field in the order of FIELDS. */
export type StoredTexts = [string[], string[]];

export interface SearchCore {
  FIELDS: string[];
  WEIGHTS: number[];
  setFoldTable(from: string, to: string): void;
  fold(text: string): string;
  keptChars(text: string): { chars: string[]; start: number[]; end: number[] };
  englishWords(text: string): { w: string; start: number; end: number }[];
  fieldKeys(zh: string, en: string): Map<string, number[]>;
  encodeNumber(n: number): string;
  decodeNumbers(s: string): number[];
  encodePostings(byField: [number, number[]][], cap: number): string;
  decodePostings(s: string): Postings;
  shardOf(key: string, shards: number): number;
  parseQuery(query: string, keyInfo?: { cost(key: string): number; common(key: string): boolean }): QueryTerm[];
  coverOffsets(chars: string[], cost: (key: string) => number): number[];
  termKeys(term: QueryTerm): string[];
  rank(terms: QueryTerm[], postings: Map<string, Postings>): RankedResult[];
  setTransport(fn: (name: string) => void | Promise<void>): void;
  receive(name: string, payload: unknown): void;
  load(name: string): Promise<unknown>;
  reset(): void;
  forgetDecoded(): void;
  search(query: string): Promise<SearchAnswer>;
  loadDocument(doc: number): Promise<StoredTexts>;
  rangesIn(text: string, lang: 'zh' | 'en', terms: QueryTerm[]): { start: number; end: number; exact: boolean }[];
  passage(stored: StoredTexts, terms: QueryTerm[], width?: number): Passage | null;
  highlight(text: string, lang: 'zh' | 'en', terms: QueryTerm[]): PassagePiece[];
}

/** A fresh copy of the core in its own context (each copy has its own loaded files). */
export function loadSearchCore(): SearchCore & { context: vm.Context } {
  const context = vm.createContext({});
  vm.runInContext(readFileSync(SEARCH_CORE_FILE, 'utf8'), context, { filename: SEARCH_CORE_FILE });
  const core = context.BriefingsSearch as SearchCore;
  return Object.assign(core, { context });
}

/**
 * A core that reads a built search folder from disk the way the page loads it (each file a script calling
 * BriefingsSearch.receive), counting the bytes it read.
 */
export function openSearchFolder(dir: string): SearchCore & { bytesRead: () => number; filesRead: () => string[] } {
  const core = loadSearchCore();
  const read: string[] = [];
  let bytes = 0;
  core.setTransport((name) => {
    const file = path.join(dir, `${name}.js`);
    const code = readFileSync(file);
    bytes += code.length;
    read.push(name);
    vm.runInContext(code.toString('utf8'), core.context, { filename: file });
  });
  return Object.assign(core, { bytesRead: () => bytes, filesRead: () => [...read] });
}
