// The text pipeline: ingest → clean → split → structure → bilingual for one source. The CLI build, check, the XLIFF
// commands, the staff page and the tests all call this one function; it reads no files (resources are passed in).
import type { VFileMessage } from 'vfile-message';
import { findTermVariants, bilingual } from './bilingual/index.ts';
import { forgetParagraphStarts, homeEvidence } from './bilingual/localizer.ts';
import { TranslationMemory } from './bilingual/translationMemory.ts';
import { clean } from './clean/index.ts';
import { codePointIndex } from './clean/document.ts';
import { cleanContextFor } from './clean/repairReview.ts';
import { diagnostic, hasErrors } from './domain/diagnostics.ts';
import { loadGazetteer, type Gazetteer } from './domain/gazetteer.ts';
import { loadTermBase, type TermEntry } from './domain/termBase.ts';
import type { Article, CleanedSource, SourceMeta } from './domain/types.ts';
import { ingest } from './ingest/index.ts';
import { sourceRecord, type SourceRecord } from './manifest.ts';
import type { ArticleRange } from './render/pageData.ts';
import { ReviewSession } from './review/applyReview.ts';
import { applyPersonNames, personNames } from './review/applyEnglish.ts';
import type { ReviewFile } from './review/reviewFile.ts';
import { split } from './split/index.ts';
import { issueDateOf, structure } from './structure/index.ts';

/** What the text stages need besides the bytes: read once per run by the caller. */
export interface TextResources {
  terms: TermEntry[];
  gazetteer: Gazetteer;
  memory: TranslationMemory;
  /** Translations staff reviewed (imported from XLIFF), by segment id. */
  reviewed?: Map<string, string>;
}

/** The term base, gazetteer and seed memory from data/. */
export function loadTextResources(): TextResources {
  return { terms: loadTermBase(), gazetteer: loadGazetteer(), memory: TranslationMemory.load() };
}

export interface ProcessedSource {
  cleaned: CleanedSource;
  record: SourceRecord;
  articles: Article[];
  ranges: Map<string, ArticleRange>;
}

/**
 * The text stages for one input. Pure apart from the bytes given; a null value means the input failed. `review`
 * (NAME.review.json) is applied between the stages, on their outputs.
 */
export function processSource(
  file: string,
  bytes: Uint8Array,
  meta: SourceMeta,
  resources: TextResources,
  review?: ReviewFile,
): { value: ProcessedSource | null; messages: VFileMessage[] } {
  const { terms, gazetteer } = resources;
  const messages: VFileMessage[] = [];
  // What the place counting kept of the last page is not this page's: memory stays that of one page.
  forgetParagraphStarts();
  const ingested = ingest({ file, bytes, meta });
  messages.push(...ingested.messages);
  if (!ingested.value) return { value: null, messages };
  const session = review ? new ReviewSession(review, ingested.value) : null;
  const names = personNames(terms);
  const cleaned = clean(ingested.value, cleanContextFor(terms));
  messages.push(...cleaned.messages);
  if (hasErrors(cleaned.messages)) return { value: null, messages };
  if (session) cleaned.value = session.cleaned(cleaned.value);
  const drafts = split(cleaned.value);
  messages.push(...drafts.messages);
  if (session) drafts.value = session.drafts(cleaned.value, drafts.value);
  const { issueDate, messages: dateMessages } = issueDateOf({ source: cleaned.value });
  messages.push(...dateMessages);
  // The place a page is about is counted once per page, not once per article (linear in the page).
  const sourceHome = homeEvidence(cleaned.value.text, gazetteer);
  const articles: Article[] = [];
  const ranges = new Map<string, ArticleRange>();
  drafts.value.forEach((draft, i) => {
    const structured = structure(draft, { issueDate, terms, gazetteer });
    messages.push(...structured.messages);
    if (session) structured.value = session.article(draft, structured.value);
    const english = bilingual(structured.value, {
      terms,
      gazetteer,
      memory: resources.memory,
      reviewed: resources.reviewed,
      sourceText: cleaned.value.text,
      sourceHome,
    });
    messages.push(...english.messages);
    articles.push(applyPersonNames(session ? session.english(english.value) : english.value, names));
    // An article's share of the source starts at its first line or at the first metadata split gave it (a column).
    const startOf = (d: typeof draft) => Math.min(d.lines[0].start, ...d.metadata.map((m) => m.start));
    const next = drafts.value[i + 1];
    ranges.set(draft.id, [i === 0 ? 0 : startOf(draft), next ? startOf(next) : Number.POSITIVE_INFINITY]);
  });
  // Variants and misprints of known names go to the reviewers' flags, with their place in the source.
  const record = sourceRecord(cleaned.value, issueDate, articles);
  const sourceText = cleaned.value.source.text;
  const cp = codePointIndex(sourceText);
  for (const v of findTermVariants(sourceText, terms)) {
    const start = cp(v.index);
    if (record.flags.some((f) => f.rule === 'term-variant' && f.start === start)) continue;
    record.flags.push({
      rule: 'term-variant',
      start,
      end: cp(v.index + v.text.length),
      text: v.text,
      suggestion: v.known,
      reason: v.reason,
    });
    messages.push(
      diagnostic({
        file,
        rule: 'term-variant',
        severity: 'warning',
        reason: v.reason,
        text: sourceText,
        start: v.index,
        end: v.index + v.text.length,
      }),
    );
  }
  record.flags.sort((a, b) => a.start - b.start);
  if (session) messages.push(...session.finish(record));
  return { value: { cleaned: cleaned.value, record, articles, ranges }, messages };
}
