// feed.xml (Atom) and sitemap.xml of the briefings; links are absolute with config.baseUrl, relative without it.
import type { Config } from '../config.ts';
import type { Article } from '../domain/types.ts';

const xml = (s: string) =>
  s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');
const href = (config: Config, file: string) =>
  config.baseUrl ? new URL(file, config.baseUrl.endsWith('/') ? config.baseUrl : `${config.baseUrl}/`).href : file;

/** The key points, else the first text of the article, cut to 200 characters. */
function summaryOf(a: Article): string {
  const first =
    a.sections
      .map((s) => (s.kind === 'qa' ? s.question.zh : s.kind === 'item' ? s.heading.zh : s.text.zh))
      .find(Boolean) ?? '';
  return [...(a.lead?.zh ?? first)].slice(0, 200).join('');
}

export function atomFeed(articles: Article[], config: Config, updated = new Date()): string {
  const entries = [...articles]
    .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''))
    .map(
      (a) => `  <entry>
    <id>urn:briefings:${xml(a.id)}</id>
    <title>${xml(a.title.en ? `${a.title.zh} · ${a.title.en}` : a.title.zh)}</title>
    <link href="${xml(href(config, `${a.id}.html`))}"/>
    <link rel="alternate" type="application/pdf" href="${xml(href(config, `${a.id}.pdf`))}"/>
    <updated>${a.date ? `${a.date}T00:00:00Z` : updated.toISOString()}</updated>
    <category term="${xml(a.genre)}"/>
    <summary>${xml(summaryOf(a))}</summary>
  </entry>`,
    );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-Hans">
  <id>urn:briefings:${xml(config.baseUrl ?? 'local')}</id>
  <title>${xml(config.title)}</title>
  <link href="${xml(href(config, 'index.html'))}"/>
  <updated>${updated.toISOString()}</updated>
  <author><name>briefings</name></author>
${entries.join('\n')}
</feed>
`;
}

export function sitemap(articles: Article[], config: Config): string {
  const urls = ['index.html', ...articles.map((a) => `${a.id}.html`)].map(
    (f) => `  <url><loc>${xml(href(config, f))}</loc></url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}
