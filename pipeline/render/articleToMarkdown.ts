// A structured article as Markdown: the readable intermediate (output/md/<id>.md). The tree is built as mdast and
// serialised by mdast-util-to-markdown, so newspaper text that starts with #, 1. or < is escaped and stays text.
import type { Content, Heading, Paragraph, PhrasingContent, Root } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { directiveToMarkdown } from 'mdast-util-directive';
import { frontmatterToMarkdown } from 'mdast-util-frontmatter';
import { defaultHandlers, toMarkdown, type Handle, type Options, type Unsafe } from 'mdast-util-to-markdown';
import { stringify as toYaml } from 'yaml';
import { GENRE_LABELS, LABELS } from '../domain/labels.ts';
import type { Article, Section, Segment } from '../domain/types.ts';

type Block = Content;

const text = (value: string): PhrasingContent => ({ type: 'text', value });

function container(name: string, children: Block[], attributes: Record<string, string> = {}): ContainerDirective {
  return { type: 'containerDirective', name, attributes, children: children as ContainerDirective['children'] };
}

interface SegOptions {
  /** Heading depth for segments that are headings (title, question, item heading). */
  depth?: 1 | 2 | 3 | 4;
  /** Opening phrase set in bold (a clause's 全会强调). */
  lead?: string;
  prefix?: { zh: string; en: string };
}

/** One segment: a `seg` container holding a `zh` and an `en` container; pending English says so. */
export function segmentBlock(segment: Segment, kind: string, options: SegOptions = {}): ContainerDirective {
  const zhText = options.prefix ? `${options.prefix.zh}${segment.zh}` : segment.zh;
  let zhChildren: PhrasingContent[] = [text(zhText)];
  if (options.lead && segment.zh.startsWith(options.lead)) {
    zhChildren = [{ type: 'strong', children: [text(options.lead)] }, text(segment.zh.slice(options.lead.length))];
  }
  const enValue = segment.en ?? LABELS.pending.en;
  const enText = options.prefix && segment.en ? `${options.prefix.en}${enValue}` : enValue;
  const enChildren: PhrasingContent[] = segment.en ? [text(enText)] : [{ type: 'emphasis', children: [text(enValue)] }];
  const zhBlock: Heading | Paragraph = options.depth
    ? { type: 'heading', depth: options.depth, children: zhChildren }
    : { type: 'paragraph', children: zhChildren };
  const attributes: Record<string, string> = { id: `seg-${segment.id}`, class: kind, status: segment.enStatus };
  if (segment.enNote) attributes.note = segment.enNote;
  const enBlocks: Block[] = [{ type: 'paragraph', children: enChildren }];
  if (!segment.en && segment.keyTerms?.length) enBlocks.push(keyTermsBlock(segment.keyTerms));
  return container('seg', [container('zh', [zhBlock]), container('en', enBlocks)], attributes);
}

/** Beside "translation pending": what the paragraph names, in English, labelled as key terms, not a translation. */
function keyTermsBlock(keyTerms: NonNullable<Segment['keyTerms']>): ContainerDirective {
  const items = keyTerms.map((k) => ({
    type: 'listItem',
    spread: false,
    children: [{ type: 'paragraph', children: [text(`${k.zh} · ${k.en}`)] }],
  }));
  return container('keyterms', [
    { type: 'paragraph', children: [{ type: 'strong', children: [text(`${KEY_TERMS.zh} · ${KEY_TERMS.en}`)] }] },
    { type: 'list', ordered: false, spread: false, children: items } as Block,
  ]);
}

/** The label of a pending segment's key terms. */
export const KEY_TERMS = { zh: '要点词语', en: 'Key terms (not a translation)' };

function sectionBlocks(section: Section, index: number): Block[] {
  switch (section.kind) {
    case 'preamble':
      return [segmentBlock(section.text, 'preamble')];
    case 'clause':
      return [segmentBlock(section.text, 'clause', { lead: section.lead })];
    case 'paragraph':
      return [segmentBlock(section.text, 'paragraph')];
    case 'heading':
      return [segmentBlock(section.text, 'heading', { depth: 2 })];
    case 'qa': {
      const children: Block[] = [
        segmentBlock(section.question, 'question', { depth: 2, prefix: { zh: `问${index}：`, en: `Q${index}: ` } }),
      ];
      if (section.answerLead) children.push(segmentBlock(section.answerLead, 'answer-lead', { lead: undefined }));
      for (const a of section.answer) children.push(segmentBlock(a, 'answer'));
      if (section.speakers.length > 0) {
        const names = section.speakers.map((s) => `${s.name}（${s.titles.map((t) => t.zh).join('、')}）`).join('；');
        const namesEn = section.speakers
          .map((s) => [s.en ?? s.name, ...s.titles.map((t) => t.en ?? t.zh)].join(', '))
          .join('; ');
        children.push(
          container('speakers', [
            { type: 'paragraph', children: [text(`${LABELS.speakers.zh}：${names}`)] },
            { type: 'paragraph', children: [text(`${LABELS.speakers.en}: ${namesEn}`)] },
          ]),
        );
      }
      return [container('qa', children, { number: String(index) })];
    }
    case 'item': {
      const children: Block[] = [
        segmentBlock(section.heading, 'item-heading', {
          depth: 2,
          prefix: { zh: `${chineseOrdinal(section.number)}、`, en: `${section.number}. ` },
        }),
      ];
      for (const p of section.points) children.push(segmentBlock(p, 'point'));
      for (const child of section.children) {
        children.push(
          container(
            'item',
            [
              segmentBlock(child.heading, 'item-heading', {
                depth: 3,
                prefix: { zh: `（${chineseOrdinal(child.number)}）`, en: `(${child.number}) ` },
              }),
              ...child.points.map((p) => segmentBlock(p, 'point')),
            ],
            { number: String(child.number), level: '2' },
          ),
        );
      }
      return [container('item', children, { number: String(section.number), level: '1' })];
    }
  }
}

export function chineseOrdinal(n: number): string {
  const d = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return d[n];
  if (n < 20) return `十${n % 10 ? d[n % 10] : ''}`;
  return `${d[Math.floor(n / 10)]}十${n % 10 ? d[n % 10] : ''}`;
}

export interface TocEntry {
  id: string;
  zh: string;
  en: string | null;
}

export function tableOfContents(article: Article): TocEntry[] {
  const toc: TocEntry[] = [];
  let q = 0;
  for (const s of article.sections) {
    if (s.kind === 'heading') toc.push({ id: `seg-${s.text.id}`, zh: s.text.zh, en: s.text.en });
    if (s.kind === 'qa') {
      q += 1;
      toc.push({ id: `seg-${s.question.id}`, zh: `问${q}：${s.question.zh}`, en: s.question.en });
    }
    if (s.kind === 'item')
      toc.push({ id: `seg-${s.heading.id}`, zh: `${s.number}. ${s.heading.zh}`, en: s.heading.en });
  }
  // A contents list earns its place only in a long article.
  return toc.length >= 3 ? toc : [];
}

function tocBlock(entries: TocEntry[]): ContainerDirective {
  const item = (e: TocEntry) => ({
    type: 'listItem',
    spread: false,
    children: [
      {
        type: 'paragraph',
        children: [
          { type: 'link', url: `#${e.id}`, children: [text(e.zh)] },
          ...(e.en ? [text(' · '), { type: 'emphasis', children: [text(e.en)] }] : []),
        ],
      },
    ],
  });
  return container('toc', [
    {
      type: 'paragraph',
      children: [{ type: 'strong', children: [text(`${LABELS.contents.zh} · ${LABELS.contents.en}`)] }],
    },
    { type: 'list', ordered: true, spread: false, children: entries.map(item) } as Block,
  ]);
}

export function articleToMdast(article: Article): Root {
  const front = {
    id: article.id,
    title: article.title.zh,
    title_en: article.title.en,
    genre: article.genre,
    genre_label: `${GENRE_LABELS[article.genre].zh} / ${GENRE_LABELS[article.genre].en}`,
    date: article.date,
    source: article.source.file,
    byline: article.byline?.raw ?? null,
  };
  const children: Block[] = [{ type: 'yaml', value: toYaml(front).trim() } as unknown as Block];
  if (article.kicker) children.push(segmentBlock(article.kicker, 'kicker'));
  children.push(segmentBlock(article.title, 'title', { depth: 1 }));
  if (article.subtitle) children.push(segmentBlock(article.subtitle, 'subtitle'));
  const toc = tableOfContents(article);
  if (toc.length > 0) children.push(tocBlock(toc));
  if (article.lead) {
    children.push(
      container('lead', [
        {
          type: 'paragraph',
          children: [{ type: 'strong', children: [text(`${LABELS.keyPoints.zh} · ${LABELS.keyPoints.en}`)] }],
        },
        segmentBlock(article.lead, 'lead'),
      ]),
    );
  }
  let qa = 0;
  for (const section of article.sections) {
    if (section.kind === 'qa') qa += 1;
    children.push(...sectionBlocks(section, qa));
  }
  if (article.captions.length > 0) {
    children.push(
      container(
        'captions',
        article.captions.map((c) => segmentBlock(c, 'caption')),
      ),
    );
  }
  return { type: 'root', children: children as Root['children'] };
}

/** What can make a text unsafe in one serialisation: the characters its patterns escape. */
interface UnsafeCharacters {
  /** Any character some pattern escapes, a space aside. */
  escaped: RegExp;
  /** The constructs of space patterns that apply away from line breaks too (empty: everywhere). */
  spaceConstructs: string[][];
}

const unsafeCharactersOf = new WeakMap<Unsafe[], UnsafeCharacters>();
/** By what the patterns escape: every serialisation has a new pattern list, but with the same characters. */
const unsafeCharactersBySignature = new Map<string, UnsafeCharacters>();

function unsafeCharacters(unsafe: Unsafe[]): UnsafeCharacters {
  let found = unsafeCharactersOf.get(unsafe);
  if (found) return found;
  const characters = new Set<string>();
  const spaceConstructs: string[][] = [];
  for (const pattern of unsafe) {
    if (pattern.character !== ' ') characters.add(pattern.character);
    else if (pattern.before !== '[\\r\\n]' && pattern.after !== '[\\r\\n]')
      spaceConstructs.push([pattern.inConstruct ?? []].flat());
  }
  // The backslash is escaped before punctuation whatever the patterns say.
  characters.add('\\');
  const signature = JSON.stringify([[...characters].sort(), spaceConstructs]);
  found = unsafeCharactersBySignature.get(signature);
  if (!found) {
    const escaped = new RegExp(
      `[${[...characters].map((c) => `\\u{${c.codePointAt(0)!.toString(16)}}`).join('')}]`,
      'u',
    );
    found = { escaped, spaceConstructs };
    unsafeCharactersBySignature.set(signature, found);
  }
  unsafeCharactersOf.set(unsafe, found);
  return found;
}

/**
 * A text none of whose characters any pattern escapes comes out as it is; only the others go through the full
 * escaping (which runs every pattern over the text). The output is the same either way.
 */
const plainText: Handle = (node, parent, state, info) => {
  const value = (node as { value: string }).value;
  const unsafe = unsafeCharacters(state.unsafe);
  const spaceSafe =
    !value.includes(' ') ||
    (!value.startsWith(' ') &&
      !value.endsWith(' ') &&
      unsafe.spaceConstructs.every((c) => c.length > 0 && !c.some((name) => state.stack.includes(name as never))));
  if (spaceSafe && !unsafe.escaped.test(value)) return value;
  return defaultHandlers.text(node as never, parent as never, state, info);
};

/** Made once: the serialiser compiles each extension's unsafe patterns on the pattern objects and keeps them there. */
const MARKDOWN_OPTIONS: Options = {
  extensions: [directiveToMarkdown(), frontmatterToMarkdown(['yaml']), { handlers: { text: plainText } }],
  bullet: '-',
  emphasis: '_',
  strong: '*',
};

/** The Markdown of a tree made by articleToMdast (directives, front matter, the house's markers). */
export function mdastToMarkdown(tree: Root): string {
  return toMarkdown(tree, MARKDOWN_OPTIONS);
}

export function articleToMarkdown(article: Article): string {
  return mdastToMarkdown(articleToMdast(article));
}
