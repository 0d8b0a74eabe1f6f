// Render stage: each article of a source → its Markdown tree → Markdown (md/<id>.md) and HTML body (the same HTML as
// that Markdown parsed back) → the article page from its layout.
import type { VFileMessage } from 'vfile-message';
import type { Article, CleanedSource, StageResult } from '../domain/types.ts';
import type { SourceRecord } from '../manifest.ts';
import { articleToMdast, mdastToMarkdown } from './articleToMarkdown.ts';
import { mdastToHtml } from './markdownToHtml.ts';
import { articlePageData, type ArticleRange } from './pageData.ts';
import type { Templates } from './templates.ts';

export interface RenderedPage {
  article: Article;
  markdown: string;
  html: string;
  data: ReturnType<typeof articlePageData>;
}

export interface RenderInput {
  articles: Article[];
  record: SourceRecord;
  cleaned: CleanedSource;
  ranges: Map<string, ArticleRange>;
}

export function renderArticlePages(
  input: RenderInput,
  context: { templates: Templates; version: string },
): StageResult<RenderedPage[]> {
  const messages: VFileMessage[] = [];
  const pages = input.articles.map((article) => {
    const markdown = mdastToMarkdown(articleToMdast(article));
    // From a tree of its own: the HTML transforms change the tree they run on.
    const { html: body, messages: mdMessages } = mdastToHtml(articleToMdast(article), {
      path: `md/${article.id}.md`,
      zhLang: 'zh-Hans',
    });
    messages.push(...(mdMessages as VFileMessage[]));
    const range = input.ranges.get(article.id) ?? [0, Number.POSITIVE_INFINITY];
    const data = articlePageData(article, input.record, input.cleaned, range, body, context.version);
    return { article, markdown, html: context.templates.article(data), data };
  });
  return { value: pages, messages };
}
