// feed.xml (Atom, made with the feed package) and sitemap.xml of the briefings. With config.baseUrl every link is
// absolute; without it the feed's links are relative to the feed (Atom allows that) and the sitemap, whose protocol
// allows only absolute URLs, lists nothing and says why.
import { Feed } from 'feed';
import type { VFileMessage } from 'vfile-message';
import type { Config } from '../config.ts';
import { diagnostic } from '../domain/diagnostics.ts';
import { GENRE_LABELS } from '../domain/labels.ts';
import type { Article } from '../domain/types.ts';

/** The feed package takes absolute URLs only: links are made against this reserved origin, then made relative. */
const PLACEHOLDER_BASE = 'https://briefings.invalid/';
const SITEMAP_LIMIT = 50000;

/** A file name as a URL path: ? and # are part of the name, not a query or a fragment. */
const urlPath = (file: string) => encodeURI(file).replace(/[?#]/gu, (c) => encodeURIComponent(c));

const escapeXml = (s: string) =>
  s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');

/** The site's base as a folder URL, or null when it is not an absolute http(s) URL. */
function siteBase(config: Config): URL | null {
  if (!config.baseUrl) return null;
  try {
    const url = new URL(config.baseUrl.endsWith('/') ? config.baseUrl : `${config.baseUrl}/`);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** The key points, else the first text of the article, cut to 200 characters. */
function summaryOf(a: Article): string {
  const first =
    a.sections
      .map((s) => (s.kind === 'qa' ? s.question.zh : s.kind === 'item' ? s.heading.zh : s.text.zh))
      .find(Boolean) ?? '';
  return [...(a.lead?.zh ?? first)].slice(0, 200).join('');
}

/** Newest first; undated articles last, by id. */
const newestFirst = (a: Article, b: Article) => (b.date ?? '').localeCompare(a.date ?? '') || a.id.localeCompare(b.id);

/** The newest article's date: a rebuild of the same articles gives the same feed, byte for byte. */
function newestDate(articles: Article[]): Date | null {
  const newest = articles.reduce<string | null>((max, a) => (a.date && (!max || a.date > max) ? a.date : max), null);
  const date = newest ? new Date(`${newest}T00:00:00Z`) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

/** The Atom feed of the articles, newest first; `updated` is the feed's own date (default: its newest article's). */
export function atomFeed(articles: Article[], config: Config, updated = newestDate(articles) ?? new Date()): string {
  const base = siteBase(config);
  const link = (file: string) => new URL(urlPath(file), base ?? PLACEHOLDER_BASE).href;
  const feed = new Feed({
    id: base?.href ?? 'urn:briefings:local',
    title: config.title,
    updated,
    generator: 'briefings',
    link: link('index.html'),
    feedLinks: { atom: link('feed.xml') },
    author: { name: config.title },
  });
  for (const a of [...articles].sort(newestFirst)) {
    const title = a.title.en ? `${a.title.zh} · ${a.title.en}` : a.title.zh;
    const summary = escapeXml(summaryOf(a));
    const date = a.date ? new Date(`${a.date}T00:00:00Z`) : null;
    const page = link(`${a.id}.html`);
    const pdf = link(`${a.id}.pdf`);
    const authors = [...(a.byline?.reporters ?? []), ...(a.byline?.agency ? [a.byline.agency] : [])];
    feed.addItem({
      // Title, summary and content are HTML in the feed: the text is escaped once for that.
      title: escapeXml(title),
      id: `urn:briefings:${a.id}`,
      link: page,
      date: date && !Number.isNaN(date.getTime()) ? date : updated,
      description: summary,
      content: `<p>${summary}</p><p><a href="${escapeXml(page)}">HTML</a> · <a href="${escapeXml(pdf)}">PDF</a></p>`,
      category: [{ term: a.genre, name: GENRE_LABELS[a.genre].en }],
      author: authors.length > 0 ? authors.map((name) => ({ name })) : undefined,
    });
  }
  const xml = feed
    .atom1()
    .replace(
      '<feed xmlns="http://www.w3.org/2005/Atom">',
      '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-Hans">',
    );
  return base ? xml : xml.split(PLACEHOLDER_BASE).join('');
}

/**
 * sitemap.xml: the index and every article page, as absolute URLs under baseUrl. Without an absolute http(s)
 * baseUrl it lists no pages and returns a warning saying what to set.
 */
export function sitemap(articles: Article[], config: Config): { value: string; messages: VFileMessage[] } {
  const base = siteBase(config);
  const messages: VFileMessage[] = [];
  const files = base ? ['index.html', ...[...articles].sort(newestFirst).map((a) => `${a.id}.html`)] : [];
  if (!base)
    messages.push(
      diagnostic({
        file: 'briefings.config.json',
        rule: 'sitemap-base-url',
        severity: 'warning',
        reason: `sitemap.xml lists no pages: the sitemap protocol allows only absolute URLs, and baseUrl is ${
          config.baseUrl ? `not an http(s) URL (${config.baseUrl})` : 'not set'
        }; set "baseUrl" in briefings.config.json to the address the site is served from`,
      }),
    );
  if (files.length > SITEMAP_LIMIT)
    messages.push(
      diagnostic({
        file: 'sitemap.xml',
        rule: 'sitemap-size',
        severity: 'warning',
        reason: `sitemap.xml lists ${files.length} URLs, more than the ${SITEMAP_LIMIT} one sitemap may hold`,
      }),
    );
  const urls = files.map((f) => `  <url><loc>${escapeXml(new URL(urlPath(f), base!).href)}</loc></url>\n`);
  const head = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n';
  return { value: `${head}${urls.join('')}</urlset>\n`, messages };
}
