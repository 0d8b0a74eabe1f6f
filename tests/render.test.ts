// render: Markdown from the structured article is escaped; unified turns it into the HTML body without losing or
// executing anything; Chinese emphasis and soft line breaks are handled.
import { describe, expect, it } from 'vitest';
import { articleToMarkdown } from '../pipeline/render/articleToMarkdown.ts';
import { markdownToHtml } from '../pipeline/render/markdownToHtml.ts';
import { editList } from '../pipeline/render/pageData.ts';
import { makeSegment } from '../pipeline/domain/segment.ts';
import type { Article } from '../pipeline/domain/types.ts';

function article(paragraphs: string[], extra: Partial<Article> = {}): Article {
  return {
    id: 'test-1',
    source: { file: 'test.txt', sha256: '0'.repeat(64) },
    genre: 'news',
    title: makeSegment('测试标题'),
    subtitle: null,
    kicker: null,
    column: null,
    penName: null,
    date: null,
    byline: null,
    lead: null,
    sections: paragraphs.map((p) => ({ kind: 'paragraph', text: makeSegment(p) })),
    people: [],
    figures: [],
    documents: [],
    organizations: [],
    places: [],
    terms: [],
    captions: [],
    ...extra,
  };
}

const htmlOf = (a: Article) => markdownToHtml(articleToMarkdown(a)).html;

describe('Markdown intermediate', () => {
  it('keeps newspaper text that looks like Markdown, HTML or a template as text', () => {
    const risky = [
      '# 井号开头的一行',
      '1. 数字加点开头',
      '<script>alert(1)</script>正文',
      '{{handlebars}}与{{{triple}}}',
      '***三个星号***',
      ':::seg{#x} 冒号开头',
      '- 短横线开头',
      '> 大于号开头',
      '[链接](javascript:alert(1))',
    ];
    const html = htmlOf(article(risky));
    expect(html).not.toMatch(/<script>|<h1>井号|<ol>|<ul>|<blockquote>|href="javascript/u);
    const text = html
      .replace(/<[^>]+>/gu, '')
      .replace(/&#x3C;/gu, '<')
      .replace(/&#x26;/gu, '&')
      .replace(/&quot;/gu, '"');
    for (const line of risky) expect(text).toContain(line);
  });

  it('writes front matter with the article metadata', () => {
    const md = articleToMarkdown(article(['正文。'], { date: '2024-03-01', genre: 'resolution' }));
    expect(md.startsWith('---\nid: test-1\n')).toBe(true);
    expect(md).toContain('date: 2024-03-01');
    expect(md).toContain('genre: resolution');
  });

  it('sets a clause lead in bold even next to Chinese punctuation', () => {
    const a = article([], {
      genre: 'resolution',
      sections: [{ kind: 'clause', lead: '全会强调', text: makeSegment('全会强调，要“稳中求进”。') }],
    });
    const html = htmlOf(a);
    expect(html).toContain('<strong>全会强调</strong>，要“稳中求进”。');
  });

  it('marks each segment with its languages and says when the English is pending', () => {
    const a = article(['正文。']);
    a.title.en = 'Test title';
    a.title.enStatus = 'rule';
    const html = htmlOf(a);
    expect(html).toContain('lang="zh-Hans"');
    expect(html).toMatch(/data-en-status="rule"[^>]*>.*Test title/su);
    expect(html).toMatch(/data-en-status="pending".*translation pending/su);
  });
});

describe('unified with Chinese text', () => {
  it('does not turn a soft line break between two Chinese characters into a space', () => {
    expect(markdownToHtml('第一行文字\n第二行文字').html).toContain('第一行文字第二行文字');
  });

  it('parses emphasis that touches Chinese punctuation (remark-cjk-friendly)', () => {
    expect(markdownToHtml('这是**“强调”**，没错').html).toContain('<strong>“强调”</strong>');
  });

  it('gives back the text of a directive it does not know, instead of dropping it', () => {
    expect(markdownToHtml('时间:abc 测试').html).toContain(':abc');
  });
});

describe('the edit list of the appendix', () => {
  const edit = (start: number, rule: string, before: string, after: string) => ({
    rule,
    op: 'replace' as const,
    start,
    end: start + [...before].length,
    before,
    after,
    reason: `${rule} reason`,
  });

  it('puts the same change made at three or more places on one line with every position', () => {
    const edits = [
      edit(40, 'punctuation-width', ',', '，'),
      edit(5, 'punctuation-width', ',', '，'),
      edit(12, 'join-page-break', '\n\n', ''),
      edit(90, 'punctuation-width', ',', '，'),
      edit(60, 'punctuation-width', ':', '：'),
      edit(70, 'punctuation-width', ':', '：'),
    ];
    const list = editList(edits as never);
    expect(list.map((e) => [e.rule, e.before, e.count, e.positions])).toEqual([
      ['punctuation-width', ',', 3, '5 40 90'],
      ['join-page-break', '⏎⏎', 1, '12'],
      ['punctuation-width', ':', 1, '60'],
      ['punctuation-width', ':', 1, '70'],
    ]);
    // Every edit is still there, with its position.
    expect(list.reduce((n, e) => n + e.count, 0)).toBe(edits.length);
    expect(list[0]).toMatchObject({ many: true, after: '，', reason: 'punctuation-width reason' });
    expect(list[1].many).toBe(false);
  });
});
