// Markdown → HTML body with unified: remark-parse → remark-rehype → rehype-stringify. The processor is built once.
// The pages themselves render from the tree their Markdown is written from (mdastToHtml): the same HTML as parsing
// that Markdown back (tests/render.mdastRoute.test.ts holds them equal), without the parse, most of the time spent.
import rehypeStringify from 'rehype-stringify';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkJoinCjkLines from 'remark-join-cjk-lines';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import type { Root } from 'mdast';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { remarkBriefingDirectives } from './remarkBriefingDirectives.ts';

function createProcessor(zhLang: string) {
  return unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkDirective)
    .use(remarkCjkFriendly)
    .use(remarkJoinCjkLines)
    .use(remarkBriefingDirectives, { zhLang })
    .use(remarkRehype)
    .use(rehypeStringify)
    .freeze();
}

const processors = new Map<string, ReturnType<typeof createProcessor>>();

/** The same transforms and output as createProcessor, from a tree instead of a text. */
function createTreeProcessor(zhLang: string) {
  return unified()
    .use(remarkJoinCjkLines)
    .use(remarkBriefingDirectives, { zhLang })
    .use(remarkRehype)
    .use(rehypeStringify)
    .freeze();
}

const treeProcessors = new Map<string, ReturnType<typeof createTreeProcessor>>();

/** HTML body of a tree made by articleToMdast; the tree is changed by the transforms (pass a fresh one). */
export function mdastToHtml(tree: Root, options: { path?: string; zhLang?: string } = {}): HtmlResult {
  const zhLang = options.zhLang ?? 'zh-Hans';
  let processor = treeProcessors.get(zhLang);
  if (!processor) {
    processor = createTreeProcessor(zhLang);
    treeProcessors.set(zhLang, processor);
  }
  const file = new VFile({ path: options.path });
  const hast = processor.runSync(tree, file);
  return { html: processor.stringify(hast, file), messages: file.messages };
}

export interface HtmlResult {
  html: string;
  messages: VFile['messages'];
}

export function markdownToHtml(markdown: string, options: { path?: string; zhLang?: string } = {}): HtmlResult {
  const zhLang = options.zhLang ?? 'zh-Hans';
  let processor = processors.get(zhLang);
  if (!processor) {
    processor = createProcessor(zhLang);
    processors.set(zhLang, processor);
  }
  const file = new VFile({ value: markdown, path: options.path });
  const result = processor.processSync(file);
  return { html: String(result), messages: result.messages };
}
