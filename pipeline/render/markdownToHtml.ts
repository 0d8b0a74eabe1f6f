// Markdown → HTML body with unified: remark-parse → remark-rehype → rehype-stringify. The processor is built once.
import rehypeStringify from 'rehype-stringify';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkJoinCjkLines from 'remark-join-cjk-lines';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
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

export function markdownToHtml(
  markdown: string,
  options: { path?: string; zhLang?: string } = {},
): { html: string; messages: VFile['messages'] } {
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
