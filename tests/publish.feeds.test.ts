// feed.xml and sitemap.xml: the feed is well-formed Atom with what RFC 4287 requires; the sitemap lists absolute
// URLs only, and without baseUrl lists nothing and says why.
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { configSchema, type Config } from '../pipeline/config.ts';
import { formatDiagnostic } from '../pipeline/domain/diagnostics.ts';
import type { Article, Genre, Segment } from '../pipeline/domain/types.ts';
import { atomFeed, sitemap } from '../pipeline/publish/feeds.ts';

interface XmlElement {
  name: string;
  ns: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** Parses XML strictly (namespaces on); a well-formedness error throws. */
function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const attributes = Object.fromEntries(Object.values(tag.attributes).map((a) => [a.name, a.value]));
    const element: XmlElement = { name: tag.local, ns: tag.uri, attributes, children: [], text: '' };
    stack.at(-1)?.children.push(element);
    stack.push(element);
    root ??= element;
  });
  parser.on('text', (t) => {
    if (stack.length) stack.at(-1)!.text += t;
  });
  parser.on('cdata', (t) => {
    stack.at(-1)!.text += t;
  });
  parser.on('closetag', () => stack.pop());
  parser.write(xml).close();
  return root!;
}

const ATOM = 'http://www.w3.org/2005/Atom';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/u;
const isAbsolute = (iri: string) => /^[a-z][a-z0-9+.-]*:/iu.test(iri);

/** What RFC 4287 requires of a feed and its entries; returns the violations. */
function atomProblems(feed: XmlElement, linksAbsolute: boolean): string[] {
  const problems: string[] = [];
  const one = (parent: XmlElement, name: string, where: string) => {
    const found = parent.children.filter((c) => c.name === name && c.ns === ATOM);
    if (found.length !== 1) problems.push(`${where}: ${found.length} atom:${name}, one required`);
    return found[0];
  };
  if (feed.name !== 'feed' || feed.ns !== ATOM) return [`root is ${feed.ns} ${feed.name}, not atom:feed`];
  const checkCommon = (element: XmlElement, where: string) => {
    const id = one(element, 'id', where);
    if (id && !isAbsolute(id.text.trim())) problems.push(`${where}: atom:id ${id.text} is not an absolute IRI`);
    one(element, 'title', where);
    const updated = one(element, 'updated', where);
    if (updated && !RFC3339.test(updated.text.trim())) problems.push(`${where}: updated ${updated.text} not RFC 3339`);
    for (const link of element.children.filter((c) => c.name === 'link')) {
      if (!link.attributes.href) problems.push(`${where}: atom:link without href`);
      else if (linksAbsolute && !isAbsolute(link.attributes.href)) problems.push(`${where}: relative link`);
    }
  };
  checkCommon(feed, 'feed');
  const feedAuthors = feed.children.filter((c) => c.name === 'author');
  for (const author of feedAuthors) one(author, 'name', 'feed author');
  feed.children
    .filter((c) => c.name === 'entry')
    .forEach((entry, i) => {
      const where = `entry ${i + 1}`;
      checkCommon(entry, where);
      const alternate = entry.children.some(
        (c) => c.name === 'link' && (c.attributes.rel ?? 'alternate') === 'alternate',
      );
      if (!alternate && !entry.children.some((c) => c.name === 'content'))
        problems.push(`${where}: neither atom:content nor an alternate link`);
      if (feedAuthors.length === 0 && !entry.children.some((c) => c.name === 'author'))
        problems.push(`${where}: no author, and the feed has none`);
    });
  const ids = feed.children.filter((c) => c.name === 'entry').map((e) => e.children.find((c) => c.name === 'id')?.text);
  if (new Set(ids).size !== ids.length) problems.push('entry ids are not unique');
  return problems;
}

const config = (extra: Partial<Config> = {}): Config => configSchema.parse(extra);
const UPDATED = new Date('2024-03-01T08:00:00Z');

const segment = (zh: string, en: string | null = null): Segment => ({
  id: zh.length.toString(16),
  zh,
  en,
  enStatus: en ? 'rule' : 'pending',
});
/** An article as the text stages make it, with only what the feed and the sitemap read filled in. */
function article(id: string, genre: Genre, date: string | null, title: string, en: string | null = null): Article {
  return {
    id,
    source: { file: `${id.split('-')[0]}.txt`, sha256: '0'.repeat(64) },
    genre,
    title: segment(title, en),
    subtitle: null,
    kicker: null,
    column: null,
    penName: null,
    date,
    byline: genre === 'news' ? { raw: '本报记者 马明', reporters: ['马明'], agency: null } : null,
    lead: genre === 'resolution' ? segment('全会听取和讨论了市委常委会的工作报告。') : null,
    sections: [{ kind: 'paragraph', text: segment('会议强调，要坚持稳中求进工作总基调。') }],
    people: [],
    figures: [],
    documents: [],
    organizations: [],
    places: [],
    terms: [],
    captions: [],
  };
}
const articles: Article[] = [
  article('a-1', 'resolution', '2023-05-31', '中共某市委全会决议 <&> "]]>"', 'Resolution of the Plenary'),
  article('a-2', 'news', '2023-06-02', '全市经济运行稳中向好'),
  article('b-1', 'press-conference', null, '新闻发布会答记者问'),
];

describe('the Atom feed', () => {
  it('is well-formed Atom with absolute links under baseUrl, one entry per article, newest first', () => {
    const xml = atomFeed(articles, config({ baseUrl: 'https://example.org/briefings' }), UPDATED);
    const feed = parseXml(xml);
    expect(atomProblems(feed, true)).toEqual([]);
    const entries = feed.children.filter((c) => c.name === 'entry');
    expect(entries).toHaveLength(articles.length);
    const hrefs = entries.map((e) => e.children.find((c) => c.name === 'link')!.attributes.href);
    expect(new Set(hrefs)).toEqual(new Set(articles.map((a) => `https://example.org/briefings/${a.id}.html`)));
    // Newest event first; an undated article last, dated by the feed itself.
    const ids = entries.map((e) => e.children.find((c) => c.name === 'id')!.text);
    expect(ids).toEqual(['urn:briefings:a-2', 'urn:briefings:a-1', 'urn:briefings:b-1']);
    const updated = entries.map((e) => e.children.find((c) => c.name === 'updated')!.text);
    expect(updated).toEqual(['2023-06-02T00:00:00.000Z', '2023-05-31T00:00:00.000Z', UPDATED.toISOString()]);
    const self = feed.children.find((c) => c.name === 'link' && c.attributes.rel === 'self');
    expect(self?.attributes.href).toBe('https://example.org/briefings/feed.xml');
    expect(feed.attributes['xml:lang']).toBe('zh-Hans');
  });

  it('keeps special characters of a title as text', () => {
    const feed = parseXml(atomFeed(articles, config({ baseUrl: 'https://example.org/' }), UPDATED));
    const titles = feed.children
      .filter((c) => c.name === 'entry')
      .map((e) => e.children.find((c) => c.name === 'title')!);
    const special = titles.find((t) => t.text.includes('&lt;&amp;&gt;'));
    // type="html": the HTML text, once unescaped, is the title as written.
    expect(special?.attributes.type).toBe('html');
    expect(special!.text).toContain('&lt;&amp;&gt; &quot;]]&gt;&quot;');
  });

  it('is valid Atom with links relative to the feed when baseUrl is not set', () => {
    const xml = atomFeed(articles, config(), UPDATED);
    expect(xml).not.toContain('briefings.invalid');
    const feed = parseXml(xml);
    expect(atomProblems(feed, false)).toEqual([]);
    const entry = feed.children.find((c) => c.name === 'entry')!;
    expect(entry.children.find((c) => c.name === 'link')!.attributes.href).toMatch(/^[^/:]+\.html$/u);
    expect(entry.children.find((c) => c.name === 'content')!.text).toMatch(/href="[^/:"]+\.pdf"/u);
  });
});

describe('the sitemap', () => {
  it('lists the index and every page as absolute URLs under baseUrl', () => {
    const { value, messages } = sitemap(articles, config({ baseUrl: 'https://example.org/briefings/' }));
    expect(messages).toEqual([]);
    const urlset = parseXml(value);
    expect(urlset.ns).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    const locs = urlset.children.map((u) => u.children.find((c) => c.name === 'loc')!.text);
    expect(locs).toHaveLength(articles.length + 1);
    expect(locs[0]).toBe('https://example.org/briefings/index.html');
    for (const loc of locs) expect(new URL(loc).href).toBe(loc);
    expect(new Set(locs)).toEqual(
      new Set(['index.html', ...articles.map((a) => `${a.id}.html`)].map((f) => `https://example.org/briefings/${f}`)),
    );
  });

  it('percent-encodes page names and escapes them for XML', () => {
    const odd = { ...articles[0], id: '长 a&b#1' };
    const { value } = sitemap([odd], config({ baseUrl: 'https://example.org/' }));
    expect(value).toContain('<loc>https://example.org/%E9%95%BF%20a&amp;b%231.html</loc>');
  });

  it('lists nothing without baseUrl, and says what to set', () => {
    const { value, messages } = sitemap(articles, config());
    expect(parseXml(value).children).toEqual([]);
    expect(messages.map(formatDiagnostic)).toEqual([
      expect.stringMatching(
        /^briefings\.config\.json: warning: sitemap\.xml lists no pages: .*absolute URLs.*baseUrl/u,
      ),
    ]);
    const ftp = sitemap(articles, config({ baseUrl: 'ftp://example.org/' }));
    expect(ftp.messages[0].reason).toContain('not an http(s) URL');
  });
});
