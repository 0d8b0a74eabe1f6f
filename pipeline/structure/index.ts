// Stage structure: an article draft → genre, title block, lead, sections by genre, people, dates, figures, documents.
import type { VFileMessage } from 'vfile-message';
import { BRIEFS_COLUMN, WRITER_PREFIX } from '../domain/lineVocabulary.ts';
import { diagnostic } from '../domain/diagnostics.ts';
import { startsWordIn } from '../domain/wordSegmenter.ts';
import { matchTerms } from '../domain/matchTerms.ts';
import { placeMentions, type Gazetteer } from '../domain/gazetteer.ts';
import type { TermEntry } from '../domain/termBase.ts';
import type { Article, ArticleDraft, CleanLine, Section, Segment, StageResult, Title } from '../domain/types.ts';
import { classifyGenre } from './classifyGenre.ts';
import { extractFigures } from './extractFigures.ts';
import { findPeople, looksLikeName, mergePeople } from '../domain/personMentions.ts';
import { parseByline } from './parseByline.ts';
import { parseNumberedItems, TOP_ITEM } from './parseNumberedItems.ts';
import { labelledSpeakers, parseQuestionsAndAnswers } from './parseQuestionsAndAnswers.ts';
import { parseMeeting, parseReportSections, parseResolutionClauses } from './parseResolutionClauses.ts';
import { eventDateOf, laterThanIssue } from './eventDate.ts';
import { findIssueDate } from './resolveDates.ts';
import { splitTranscriptTurns } from './splitTranscriptTurns.ts';
import { makeSegment } from '../domain/segment.ts';

export interface StructureContext {
  /** YYYY-MM-DD of the paper's issue, from meta or inferred from the page. */
  issueDate: string | null;
  /** The term base (bodies and places it knows), read by the caller: a stage reads no files. */
  terms: TermEntry[];
  /** Provinces and cities of China, read by the caller. */
  gazetteer: Gazetteer;
}

/** Whether a word begins at `at` (ICU's segmenter on the text around it). */
export function startsWord(text: string, at: number): boolean {
  const from = Math.max(0, at - 6);
  return startsWordIn(text.slice(from, at + 8), at - from);
}

/** The issue date of a source: NAME.meta.json first, else inferred from the page with a diagnostic. */
export function issueDateOf(draft: ArticleDraft | { source: ArticleDraft['source'] }): {
  issueDate: string | null;
  messages: VFileMessage[];
} {
  const source = draft.source.source;
  if (source.meta.issueDate) return { issueDate: source.meta.issueDate, messages: [] };
  const found = findIssueDate(source.text);
  const inferred = found?.iso ?? null;
  const meta = `${source.file.replace(/\.txt$/u, '')}.meta.json`;
  const where = {
    'page-header': 'the page header',
    'posting-line': 'the posting line',
    timestamp: 'a timestamp',
    text: 'the text',
  };
  const messages = [
    diagnostic({
      file: source.file,
      rule: 'issue-date',
      severity: inferred ? 'info' : 'warning',
      reason: found
        ? `issue date inferred from ${where[found.from]} as ${inferred} (no ${meta})`
        : `no issue date in the text or in ${meta}: partial dates such as 5月30日 or 1日 stay unresolved`,
    }),
  ];
  return { issueDate: inferred, messages };
}

/** The body's paragraphs; a photo-news item with no body is dated by its caption (10月8日，…). */
function paragraphsOrCaption(lines: CleanLine[], metadata: ArticleDraft['metadata']): string[] {
  const body = lines.filter((l) => l.role === 'body').map((l) => l.text);
  return body.length > 0 ? body : metadata.filter((m) => m.kind === 'caption').map((m) => m.text);
}

function titleBlock(lines: CleanLine[]): {
  kicker: string | null;
  title: string | null;
  subtitle: string | null;
  used: number;
  /** A writer's name alone under the headlines (江一舟), taken for a deck. */
  writer: string | null;
} {
  let n = 0;
  while (n < lines.length && lines[n].role === 'headline' && n < 3) n += 1;
  // 'Headline' in a template's ASCII quotes: the quotes are the template's.
  const block = lines.slice(0, n).map((l) => l.text.replace(/^(['"])(.+)\1$/u, '$2'));
  // A bare name under the title is the writer's signature, not a subtitle.
  const writer = block.length > 1 && looksLikeName(block.at(-1)!) ? block.pop()! : null;
  return { ...titleDecks(block), used: n, writer };
}

/** Kicker (引题), title and subtitle (副题) from one to three headline lines. */
function titleDecks(block: string[]): { kicker: string | null; title: string | null; subtitle: string | null } {
  if (block.length === 0) return { kicker: null, title: null, subtitle: null };
  if (block.length === 1) return { kicker: null, title: block[0], subtitle: null };
  if (block.length === 2) {
    // A very short first line is a kicker naming the place or column (南开区 / 园林绿化扩容提质), and so is a slogan of
    // short phrases (稳就业 优服务 惠民生) over a title; a line opening with —— is a subtitle.
    const slogan = (t: string) =>
      t.split(/[\s\u3000]+/u).every((p) => [...p].length <= 6) && /\S[\s\u3000]+\S/u.test(t);
    if (!/^[—－-]{1,2}/u.test(block[1]) && ([...block[0]].length <= 5 || (slogan(block[0]) && !slogan(block[1]))))
      return { kicker: block[0], title: block[1], subtitle: null };
    return { kicker: null, title: block[0], subtitle: block[1] };
  }
  return { kicker: block[0], title: block[1], subtitle: block[2] };
}

/** 本报评论员, 本刊特约评论员, 东江日报评论员: an editorial's signature. */
const EDITORIAL_SIGNATURE = /^[■□●\s]*[\p{Script=Han}]{0,8}?(特约)?评论员$/u;

/** Columns whose pieces are opinion: 委员手记, 时评, 观察, 随笔. */
const OPINION_COLUMN = /(手记|札记|随笔|笔谈|时评|短评|评论|漫谈|杂谈|观察|感言|心声|笔记|随想|视点|锐评|快评|论坛)$/u;

/** （委员手记）… or 【时评】…: the column's label and the title after it. */
function columnLabel(title: string): { label: string; title: string; commentary: boolean } | null {
  const m = /^[（(【[]([\p{Script=Han}·]{2,8})[）)】\]]\s*(\S.*)$/u.exec(title);
  return m ? { label: m[1], title: m[2], commentary: OPINION_COLUMN.test(m[1]) } : null;
}

/**
 * A title for an article that has none: the clause of its first sentence that names the plan, else the sentence cut
 * short.
 */
function firstSentence(text: string): string {
  const sentence = /^[^。！？]+/u.exec(text)?.[0] ?? text;
  const clauses = sentence.split(/[，,；;]/u).filter(Boolean);
  const naming = clauses.reverse().find((c) => /(行动|方案|计划|措施|意见|工程)$/u.test(c));
  if (naming) return naming.trim();
  const chars = [...sentence];
  return chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : sentence;
}

export function structure(draft: ArticleDraft, context: StructureContext): StageResult<Article> {
  const messages: VFileMessage[] = [];
  const file = draft.source.source.file;
  const at = (line: CleanLine | undefined, rule: string, reason: string, severity: 'info' | 'warning' = 'info') =>
    messages.push(
      diagnostic({
        file,
        rule,
        reason: `${draft.id}: ${reason}`,
        severity,
        text: draft.source.source.text,
        start: line?.start ?? 0,
        end: line?.end,
      }),
    );

  let lines = draft.lines;
  const block = titleBlock(lines);
  lines = lines.slice(block.used);
  let subtitle = block.subtitle;
  let adoption: string | null = null;
  if (lines[0]?.role === 'adoption-line') {
    adoption = lines[0].text;
    lines = lines.slice(1);
    if (!subtitle) subtitle = adoption;
  }
  // The key-points box: its label and the paragraph under it.
  let lead: Segment | null = null;
  const labelAt = lines.findIndex((l) => l.role === 'lead-label');
  if (labelAt !== -1 && lines[labelAt + 1]?.role === 'body') {
    lead = makeSegment(lines[labelAt + 1].text);
    lines = [...lines.slice(0, labelAt), ...lines.slice(labelAt + 2)];
  }
  lines = splitTranscriptTurns(lines);
  let title = block.title;
  // （委员手记）跨境通勤更便利: a column's label ahead of the title, often with the title again on the next line.
  const labelled = title ? columnLabel(title) : null;
  if (labelled && (labelled.commentary || labelled.title === subtitle)) {
    title = labelled.title;
    if (subtitle === labelled.title) subtitle = null;
  }
  if (!title) {
    title = firstSentence(lines.find((l) => l.role === 'body')?.text ?? draft.lines[0]?.text ?? draft.id);
    at(draft.lines[0], 'no-headline', `no headline found: title taken from the first sentence ("${title}")`, 'warning');
  }
  const metadata = draft.metadata;
  const column = metadata.find((m) => m.kind === 'column-name')?.text ?? (labelled?.commentary ? labelled.label : null);
  // A web copy's posting line may name the writer (时间：… 来源：… 作者：常书瑶) when no byline does.
  const postedBy = metadata
    .filter((m) => m.kind === 'source-line')
    .map(
      (m) => /(?:作者|记者)\s*[:：]\s*([\p{Script=Han}·]{2,5}(?:[、，\s]+[\p{Script=Han}·]{2,5})*)/u.exec(m.text)?.[1],
    )
    .find((names) => names !== undefined);
  const bylineLines = metadata.filter((m) => m.kind === 'byline').map((m) => m.text);
  if (bylineLines.length === 0 && postedBy) bylineLines.push(`作者 ${postedBy}`);
  // （记者吴佩珊／厦门报导）… or 本报讯（记者 …）… opening the first paragraph when no byline line was set apart.
  const inline = /^(本报讯)?[（(]((?:本报)?记者[^（）()]{2,30})[）)]/u.exec(
    lines.find((l) => l.role === 'body')?.text ?? '',
  );
  if (bylineLines.length === 0 && inline) bylineLines.push(inline[0].replace(/[／/][^）)]*?(报导|报道)/u, ''));
  // A commentary's 文/蔡明哲 is its writer's pen name.
  const writerLine = column
    ? bylineLines.find((b) => WRITER_PREFIX.test(b) && /^[\p{Script=Han}·]{2,4}$/u.test(b.replace(WRITER_PREFIX, '')))
    : undefined;
  // 本报评论员 signs an editorial: the paper's voice, with no reporter's name.
  const editorialLine = bylineLines.find((b) => EDITORIAL_SIGNATURE.test(b.trim()));
  const penName =
    metadata.find((m) => m.kind === 'pen-name')?.text ??
    (writerLine ? writerLine.replace(WRITER_PREFIX, '') : (editorialLine?.trim() ?? block.writer));
  const byline = parseByline(
    bylineLines.filter((b) => b !== writerLine && b !== editorialLine),
    metadata.filter((m) => m.kind === 'credit' && /摄$/u.test(m.text)).map((m) => m.text),
  );
  const headings = lines.filter((l) => l.role === 'headline' || l.role === 'subhead').length;
  const { genre, reason } = classifyGenre({
    title,
    subtitle,
    kicker: block.kicker,
    body: lines,
    hasColumn: column !== null && !BRIEFS_COLUMN.test(column),
    hasPortraitCaption: metadata.some(
      (m) => m.kind === 'caption' && /(书记|校长|院长|主任|董事长|总经理)\s*[\p{Script=Han}]{2,3}$/u.test(m.text),
    ),
    hasAdoptionLine: adoption !== null,
    hasPenName: penName !== null,
    hasNewsByline:
      byline !== null &&
      (byline.reporters.length > 0 || (byline.correspondents ?? []).length > 0 || /本报讯|电/u.test(byline.raw)),
    headings,
    hasPhotoCredit: (byline?.photographers ?? []).length > 0,
    commentaryByline: byline !== null && /评论员/u.test(byline.raw),
    hasCaption: metadata.some((m) => m.kind === 'caption' || m.kind === 'credit'),
    wireDateline:
      byline !== null &&
      /(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})日电/u.test(byline.raw),
  });
  at(draft.lines[0], 'genre', `genre ${genre}: ${reason}`, genre === 'other' ? 'warning' : 'info');

  const fullText = [
    title,
    subtitle ?? '',
    lead?.zh ?? '',
    ...lines.map((l) => l.text),
    ...metadata.filter((m) => m.kind === 'caption').map((m) => m.text),
  ].join('\n');
  const isByliner = (name: string) =>
    byline !== null && (byline.reporters.includes(name) || (byline.correspondents ?? []).includes(name));
  const people = mergePeople(findPeople(fullText)).filter((p) => !isByliner(p.name));
  // Speakers named by a transcript's labels (孙立平：…, 商务部部长 王文涛：…) are people too.
  for (const speaker of labelledSpeakers(lines)) {
    const known = people.find((p) => p.name === speaker.name);
    if (known) {
      for (const t of speaker.titles)
        if (!known.titles.some((x) => x.zh.endsWith(t) || t.endsWith(x.zh))) known.titles.push({ zh: t, en: null });
    } else if (!isByliner(speaker.name))
      people.push({
        name: speaker.name,
        en: null,
        titles: speaker.titles.map((zh) => ({ zh, en: null })),
        firstMention: fullText.indexOf(speaker.name),
      });
  }

  let sections: Section[];
  if (genre === 'resolution') sections = parseResolutionClauses(lines);
  else if (genre === 'press-conference') {
    // 市发展改革委负责同志就《…》答记者问: the answerer is an office, not a named person.
    const answerer =
      /([\p{Script=Han}]{2,20}?(?:负责同志|负责人|新闻发言人))(?:就|答|回答)/u.exec(
        [title, subtitle ?? '', ...lines.slice(0, 3).map((l) => l.text)].join('\n'),
      )?.[1] ?? null;
    sections = parseQuestionsAndAnswers(lines, people, answerer);
  } else if (genre === 'action-plan' || (genre === 'other' && lines.filter((l) => TOP_ITEM.test(l.text)).length >= 2))
    sections = parseNumberedItems(lines);
  // A commentary quotes a plenary's 全会强调 to argue with it: its paragraphs are not the plenary's clauses.
  else sections = parseReportSections(lines, genre !== 'commentary');

  // The date of the event: adoption line, signature, dateline; never after the issue.
  const dateInput = {
    adoption,
    lead: lead?.zh ?? null,
    paragraphs: paragraphsOrCaption(lines, metadata),
    byline: byline?.raw ?? null,
    // The signature block, and a date line under it whatever role clean gave it (2025年5月26日).
    signature: metadata
      .filter(
        (m, i) =>
          m.kind === 'signature' ||
          (/^\s*\d{4}年\d{1,2}月\d{1,2}日\s*$/u.test(m.text) &&
            metadata.slice(0, i).some((x) => x.kind === 'signature')),
      )
      .map((m) => m.text)
      .join('\n'),
    issueDate: context.issueDate,
  };
  // A commentary argues; the events it mentions are not what it reports.
  const event = genre === 'commentary' ? null : eventDateOf(dateInput);
  const date = event?.mention.iso ?? null;
  if (event && event.mention.kind !== 'full')
    at(
      undefined,
      'date',
      `partial date "${event.mention.text}" (${event.from}) resolved against the issue date ` +
        `${context.issueDate} as ${date}`,
    );
  if (!event && !context.issueDate && /(\d{1,2}月)?\d{1,2}日|昨[日天]|今[日天]/u.test(dateInput.paragraphs[0] ?? ''))
    at(undefined, 'date', 'the opening names a partial date that cannot be resolved without the issue date', 'warning');
  for (const later of laterThanIssue(dateInput).slice(0, 1))
    at(
      undefined,
      'date',
      `"${later.text}" (${later.iso}) is after the issue date ${context.issueDate}: not the event date`,
    );

  const figures = extractFigures(lines.map((l) => l.text).join('\n'));
  const documents: Title[] = [];
  for (const m of fullText.matchAll(/《([^《》]{2,80})》/gu))
    if (!documents.some((d) => d.zh === m[1])) documents.push({ zh: m[1], en: null });
  const organizations: Title[] = [];
  const places: Title[] = [];
  for (const hit of matchTerms(fullText, context.terms)) {
    const bucket =
      hit.entry.kind === 'place'
        ? places
        : hit.entry.kind === 'body' || hit.entry.kind === 'institution'
          ? organizations
          : null;
    if (bucket && !bucket.some((b) => b.zh === hit.zh)) bucket.push({ zh: hit.zh, en: null });
  }
  // Provinces and cities of China named in the text (the gazetteer), as written: 株洲市 or 株洲.
  const places_ = context.gazetteer;
  for (const [name, [at]] of placeMentions(fullText, [...places_.provinces, ...places_.cities], places_, (i) =>
    startsWord(fullText, i),
  )) {
    const suffix = /^[市省]/u.exec(fullText.slice(at + name.length))?.[0] ?? '';
    const zh = `${name}${suffix}`;
    if (!places.some((p) => p.zh === zh || p.zh.startsWith(name))) places.push({ zh, en: null });
  }
  // Universities, institutes, groups named between punctuation marks, ending where the name does.
  for (const m of fullText.matchAll(
    /(?<=^|[，。、；：“”《》（）\s])[\p{Script=Han}]{2,12}?(大学|学院|研究院|医院|集团|公司)(?=$|[，。、；：“”《》（）\s]|[和与及的等在是将为])/gu,
  )) {
    const name = m[0];
    if (
      /^(建|成立|打造|推动|支持|加快|依托|联合|先|在|与|由|对|向|为|将|是|把|从|有|给予|爱心)/u.test(name) ||
      /[的等]/u.test(name)
    )
      continue;
    if (
      [...name].length >= 4 &&
      !organizations.some((o) => o.zh === name || o.zh.includes(name) || name.includes(o.zh))
    )
      organizations.push({ zh: name, en: null });
  }

  const meetingInfo = genre === 'resolution' ? parseMeeting(fullText) : { meeting: null, attendance: null };

  const article: Article = {
    id: draft.id,
    source: { file, sha256: draft.source.source.sha256 },
    genre,
    title: makeSegment(title),
    subtitle: subtitle ? makeSegment(subtitle) : null,
    kicker: block.kicker ? makeSegment(block.kicker) : null,
    column,
    penName,
    date,
    byline,
    lead,
    sections,
    people,
    figures,
    documents,
    organizations,
    places,
    terms: [],
    captions: metadata.filter((m) => m.kind === 'caption').map((m) => makeSegment(m.text)),
    meeting: meetingInfo.meeting,
    attendance: meetingInfo.attendance,
  };
  return { value: article, messages };
}
