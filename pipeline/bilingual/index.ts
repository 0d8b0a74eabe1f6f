// Stage bilingual: English for everything that can be rendered exactly offline (labels, names, titles of recurring
// forms, figures, dates, terms, memory hits); everything else stays visibly pending.
import type { VFileMessage } from 'vfile-message';
import { diagnostic } from '../domain/diagnostics.ts';
import { matchTerms, type TermHit } from '../domain/matchTerms.ts';
import type { TermEntry } from '../domain/termBase.ts';
import type { Article, Segment, StageResult, Term } from '../domain/types.ts';
import type { Gazetteer } from '../domain/gazetteer.ts';
import { isPlausibleName } from '../domain/surnames.ts';
import { keyTermsOf } from './keyTerms.ts';
import { combineEvidence, exactRows, homeEvidence, Localizer, resolveHome, type HomeEvidence } from './localizer.ts';
import { renderHeadlineByRule } from './renderHeadlineByRule.ts';
import { renderDate, renderFigure } from './renderNumbers.ts';
import { glossaryPinyin, renderPinyinName } from './renderPinyinName.ts';
import { renderSentenceByRule } from './renderSentenceByRule.ts';
import type { TranslationMemory } from './translationMemory.ts';

export interface BilingualContext {
  terms: TermEntry[];
  memory: TranslationMemory;
  /** Translations staff reviewed (imported from XLIFF), by segment id. */
  reviewed?: Map<string, string>;
  /** The whole page the article came from: the place a paper is about is read from all of it. */
  sourceText?: string;
  /** The page's place evidence, counted once per source (`homeEvidence(sourceText)`); computed when absent. */
  sourceHome?: HomeEvidence;
  /** Provinces and cities of China (data/gazetteer.tsv), read by the caller. */
  gazetteer: Gazetteer;
}

export interface TermVariant {
  text: string;
  known: string;
  index: number;
  reason: string;
}

/**
 * Variants and likely misprints of known names: a row the term base marks as a variant (天津高教科创园), or a
 * place, institution or program name with one character changed inside it (天开高教科技园).
 */
export function findTermVariants(text: string, entries: TermEntry[]): TermVariant[] {
  const out: TermVariant[] = [];
  const { exact, byFirst } = variantIndex(entries);
  for (const hit of matchTerms(text, entries)) {
    const variantOf = /(?:variant|misprint)[^\p{Script=Han}]*of ([\p{Script=Han}]+)/u.exec(hit.entry.note)?.[1];
    if (variantOf)
      out.push({
        text: hit.zh,
        known: variantOf,
        index: hit.start,
        reason: `"${hit.zh}" is a variant or misprint of "${variantOf}" (${hit.entry.en})`,
      });
  }
  // One pass over the text for every name at once; the misprints keep the order of the names, then of the text.
  const misprints: { rank: number; variant: TermVariant }[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const names = byFirst.get(text[i]);
    if (!names) continue;
    for (const { entry, rank } of names) {
      const n = entry.zh.length;
      if (i + n > text.length || text[i + n - 1] !== entry.zh[n - 1]) continue;
      const piece = text.slice(i, i + n);
      if (piece === entry.zh || exact.has(piece) || !/^[\p{Script=Han}]+$/u.test(piece)) continue;
      const diffs: number[] = [];
      for (let k = 0; k < n && diffs.length < 2; k += 1) if (piece[k] !== entry.zh[k]) diffs.push(k);
      // One character off, inside the name, and not a change of level (市/区/省).
      if (
        diffs.length === 1 &&
        diffs[0] > 0 &&
        diffs[0] < n - 1 &&
        !/[市区省县镇]/u.test(piece[diffs[0]] + entry.zh[diffs[0]])
      ) {
        misprints.push({
          rank,
          variant: {
            text: piece,
            known: entry.zh,
            index: i,
            reason: `"${piece}" differs by one character from the known name "${entry.zh}" (${entry.en}): a variant or a misprint?`,
          },
        });
      }
    }
  }
  misprints.sort((a, b) => a.rank - b.rank || a.variant.index - b.variant.index);
  for (const m of misprints) out.push(m.variant);
  return out;
}

interface VariantIndex {
  exact: Set<string>;
  /** Names of five characters or more a misprint is looked for, by their first code unit, with their rank. */
  byFirst: Map<string, { entry: TermEntry; rank: number }[]>;
}

const VARIANT_INDEXES = new WeakMap<TermEntry[], VariantIndex>();

function variantIndex(entries: TermEntry[]): VariantIndex {
  let index = VARIANT_INDEXES.get(entries);
  if (index) return index;
  index = { exact: new Set(entries.filter((t) => !t.pattern).map((t) => t.zh)), byFirst: new Map() };
  entries.forEach((entry, rank) => {
    if (entry.pattern || [...entry.zh].length < 5 || !['place', 'institution', 'program'].includes(entry.kind)) return;
    const list = index!.byFirst.get(entry.zh[0]);
    if (list) list.push({ entry, rank });
    else index!.byFirst.set(entry.zh[0], [{ entry, rank }]);
  });
  VARIANT_INDEXES.set(entries, index);
  return index;
}

/**
 * The term hits of each segment, cut from the hits of all segments joined by line ends: no term spans a line end,
 * so a segment's hits are those the joined text has inside it (the same as matching the segment alone). Should a
 * hit span a line end, each segment is matched alone.
 */
function segmentHits(
  segments: Segment[],
  allHits: TermHit[],
  matchAlone: (zh: string) => TermHit[],
): (i: number) => TermHit[] {
  if (allHits.some((h) => h.zh.includes('\n'))) return (i) => matchAlone(segments[i].zh);
  const starts: number[] = [];
  let at = 0;
  for (const s of segments) {
    starts.push(at);
    at += s.zh.length + 1;
  }
  let next = 0;
  return (i) => {
    const from = starts[i];
    const to = from + segments[i].zh.length;
    // Segments are asked for in order, so the hits are read once from left to right.
    while (next < allHits.length && allHits[next].start < from) next += 1;
    const out: TermHit[] = [];
    for (let k = next; k < allHits.length && allHits[k].end <= to; k += 1)
      out.push({ ...allHits[k], start: allHits[k].start - from, end: allHits[k].end - from });
    return out;
  };
}

/** A speaker's name in English; an office that answers (市发展改革委负责同志) is rendered as one. */
function speakerEn(name: string, loc: Localizer): string | null {
  if (isPlausibleName(name)) return renderPinyinName(name);
  const office = /^(.+?)(负责同志|负责人|新闻发言人)$/u.exec(name);
  if (!office) return null;
  const body = loc.bodyEn(office[1]);
  if (!body) return null;
  return office[2] === '新闻发言人' ? `spokesperson of ${body}` : `an official in charge at ${body}`;
}

/** Every segment of an article, in reading order. */
export function articleSegments(a: Article): Segment[] {
  const out: Segment[] = [a.title];
  if (a.kicker) out.push(a.kicker);
  if (a.subtitle) out.push(a.subtitle);
  if (a.lead) out.push(a.lead);
  const walk = (sections: Article['sections']) => {
    for (const s of sections) {
      if (s.kind === 'qa') {
        out.push(s.question);
        if (s.answerLead) out.push(s.answerLead);
        out.push(...s.answer);
      } else if (s.kind === 'item') {
        out.push(s.heading, ...s.points);
        walk(s.children);
      } else out.push(s.text);
    }
  };
  walk(a.sections);
  out.push(...a.captions);
  return out;
}

function sentences(text: string): string[] {
  return text.split(/(?<=[。！？；])/u).filter((s) => s.trim() !== '');
}

function fill(segment: Segment, en: string, status: Segment['enStatus'], note?: string): void {
  segment.en = en;
  segment.enStatus = status;
  if (note) segment.enNote = note;
}

export function bilingual(input: Article, context: BilingualContext): StageResult<Article> {
  const messages: VFileMessage[] = [];
  const article = structuredClone(input); // a stage returns new data; its input stays as it was
  const segments = articleSegments(article);
  const allText = segments.map((s) => s.zh).join('\n');
  // The title names the place most reliably; the page around the article counts too.
  // The page's own evidence is counted once per source by the caller (sourceHome); the article's is added here.
  const home = resolveHome(
    combineEvidence(
      homeEvidence(article.title.zh, context.gazetteer, 3),
      homeEvidence(allText, context.gazetteer),
      context.sourceHome ?? homeEvidence(context.sourceText ?? '', context.gazetteer),
    ),
    context.gazetteer,
  );
  const loc = new Localizer(home, context.terms, context.gazetteer);
  // The memory fills 市 rows with the city and 区 rows with the district (a Nankai text: 市委 Tianjin, 区委 Nankai).
  const homePlaceEn = {
    city: home.city && loc.placeEn(home.city),
    district: home.district && loc.placeEn(home.district),
  };
  const exactTerms = exactRows(context.terms);

  const headlineSegments = new Set([article.title, article.subtitle, article.kicker].filter(Boolean) as Segment[]);
  for (const segment of articleSegments(article)) {
    const reviewed = context.reviewed?.get(segment.id);
    if (reviewed) {
      fill(segment, reviewed, 'reviewed');
      continue;
    }
    if (headlineSegments.has(segment)) {
      const en = renderHeadlineByRule(segment.zh, loc);
      if (en) {
        fill(segment, en, 'rule', 'title of a recurring form');
        continue;
      }
    }
    const term = exactTerms.get(segment.zh);
    if (term) {
      fill(segment, loc.localise(term), 'rule', 'term base');
      continue;
    }
    // Sentence by sentence: a segment is rendered only when every sentence is (rule or memory), never half.
    const parts = sentences(segment.zh);
    const rendered: (string | null)[] = [];
    let viaMemory = false;
    let best = null as { score: number; en: string } | null;
    for (const sentence of parts) {
      const byRule = renderSentenceByRule(sentence, loc);
      if (byRule) {
        rendered.push(byRule);
        continue;
      }
      const hit = context.memory.lookup(sentence, homePlaceEn);
      if (hit && hit.score === 1) {
        rendered.push(hit.en);
        viaMemory = true;
        continue;
      }
      if (hit && (!best || hit.score > best.score)) best = { score: hit.score, en: hit.en };
      rendered.push(null);
    }
    const done = rendered.filter((r): r is string => r !== null);
    if (done.length === parts.length && parts.length > 0) {
      fill(
        segment,
        done.join(' '),
        viaMemory ? 'memory' : 'rule',
        viaMemory ? 'translation memory (exact)' : 'formulaic sentence',
      );
    } else if (best) {
      segment.enNote = `memory suggestion (${Math.round(best.score * 100)}% match): ${best.en}`;
    } else if (done.length > 0) {
      // Some sentences are formulaic: a translator gets them as a start, the segment itself stays pending.
      segment.enNote = `partial (${done.length} of ${parts.length} sentences): ${rendered.map((r) => r ?? '[…]').join(' ')}`;
    }
  }

  for (const person of article.people) {
    person.en = renderPinyinName(person.name);
    for (const t of person.titles)
      t.en = t.zh === '总书记' && person.name === '习近平' ? 'General Secretary' : loc.titleEn(t.zh);
  }
  for (const section of article.sections) {
    if (section.kind !== 'qa') continue;
    for (const speaker of section.speakers) {
      speaker.en = speakerEn(speaker.name, loc);
      for (const t of speaker.titles) t.en = loc.titleEn(t.zh);
    }
  }
  for (const figure of article.figures) figure.en = renderFigure(figure);
  article.english = {
    date: article.date ? renderDate(article.date) : null,
    byline: article.byline
      ? [...article.byline.reporters, ...(article.byline.correspondents ?? [])].map(renderPinyinName).join(', ') ||
        article.byline.agency
      : null,
    penName: article.penName ? renderPinyinName(article.penName) : null,
    attendance: article.attendance
      ? `${article.attendance.members ?? '?'} members, ${article.attendance.alternates ?? 0} alternate members`
      : null,
  };
  if (article.meeting) article.meeting.en = loc.meetingEn(article.meeting.zh);
  for (const doc of article.documents) {
    const term = exactTerms.get(doc.zh);
    doc.en = term ? term.en : null;
  }
  for (const org of article.organizations) org.en = loc.bodyEn(org.zh);
  for (const place of article.places) {
    const term = exactTerms.get(place.zh);
    place.en = term ? loc.localise(term) : loc.placeWithLevel(place.zh);
  }

  // Glossary of the terms the article uses; variants and likely misprints of known names are flagged.
  const terms: Term[] = [];
  const isPlace = (n: string) => context.gazetteer.byName?.has(n) ?? false;
  const termEn = (hit: TermHit) =>
    hit.entry.pattern ? loc.patternEn(hit.entry, hit.place ?? '') : loc.localise(hit.entry);
  const allHits = matchTerms(allText, context.terms, { isPlace });
  for (const hit of allHits) {
    if (terms.some((t) => t.zh === hit.zh)) continue;
    const term: Term = {
      zh: hit.zh,
      en: termEn(hit),
      pinyin: glossaryPinyin(hit.zh),
      kind: hit.entry.kind,
      source: hit.entry.source,
    };
    if (hit.entry.variants.length > 0) term.variants = hit.entry.variants;
    terms.push(term);
  }
  article.terms = terms;

  // A pending segment carries the English of what it names, so a reader sees what it is about.
  const hitsOf = segmentHits(segments, allHits, (zh) => matchTerms(zh, context.terms, { isPlace }));
  segments.forEach((segment, i) => {
    if (segment.enStatus !== 'pending') return;
    const hits = hitsOf(i).map((h) => ({ ...h, en: termEn(h) }));
    const keyTerms = keyTermsOf(segment, article, hits);
    if (keyTerms.length > 0) segment.keyTerms = keyTerms;
  });

  const counts = articleSegments(article).reduce<Record<string, number>>(
    (acc, s) => ((acc[s.enStatus] = (acc[s.enStatus] ?? 0) + 1), acc),
    {},
  );
  messages.push(
    diagnostic({
      file: article.source.file,
      rule: 'english',
      severity: 'info',
      reason: `${article.id}: English ${Object.entries(counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    }),
  );
  const seen = new Set<string>();
  return { value: article, messages: messages.filter((m) => !seen.has(m.reason) && seen.add(m.reason)) };
}
