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
import { unified, type Preset } from 'unified';
import { VFile } from 'vfile';
import { remarkBriefingDirectives } from './remarkBriefingDirectives.ts';

/** What both routes do once they have a tree: the house's transforms, then HTML. */
const htmlTransforms = (zhLang: string): Preset => ({
  plugins: [remarkJoinCjkLines, [remarkBriefingDirectives, { zhLang }], remarkRehype, rehypeStringify],
});

function createProcessor(zhLang: string) {
  return unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkDirective)
    .use(remarkCjkFriendly)
    .use(htmlTransforms(zhLang))
    .freeze();
}

const processors = new Map<string, ReturnType<typeof createProcessor>>();

/** The processor of a language, made once. */
function processorFor(zhLang: string) {
  let processor = processors.get(zhLang);
  if (!processor) {
    processor = createProcessor(zhLang);
    processors.set(zhLang, processor);
  }
  return processor;
}

/** HTML body of a tree made by articleToMdast; the tree is changed by the transforms (pass a fresh one). */
export function mdastToHtml(tree: Root, options: { path?: string; zhLang?: string } = {}): HtmlResult {
  // The same processor, past its parse: run (the transforms) and stringify only.
  const processor = processorFor(options.zhLang ?? 'zh-Hans');
  const file = new VFile({ path: options.path });
  const hast = processor.runSync(tree, file);
  return { html: String(processor.stringify(hast, file)), messages: file.messages };
}

export interface HtmlResult {
  html: string;
  messages: VFile['messages'];
}

export function markdownToHtml(markdown: string, options: { path?: string; zhLang?: string } = {}): HtmlResult {
  const processor = processorFor(options.zhLang ?? 'zh-Hans');
  const file = new VFile({ value: markdown, path: options.path });
  const result = processor.processSync(file);
  return { html: String(result), messages: result.messages };
}
