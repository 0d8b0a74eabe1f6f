// Article pages render from the Markdown tree itself, not from its Markdown parsed back (nine tenths of the render
// time was the parse). The two routes must give the same HTML, so the md/<id>.md beside each page stays the page's
// faithful source: checked here on every text the repository holds and on texts that look like Markdown.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleToMdast, mdastToMarkdown } from '../pipeline/render/articleToMarkdown.ts';
import { markdownToHtml, mdastToHtml } from '../pipeline/render/markdownToHtml.ts';
import type { SourceMeta } from '../pipeline/domain/types.ts';
import { loadTextResources, processSource } from '../pipeline/textPipeline.ts';
import { ROOT } from './helpers.ts';

const resources = loadTextResources();

/** Every .txt in the folder (and in its subfolders, one level, with `deep`), with its .meta.json if any. */
function texts(dir: string, deep = false): { file: string; bytes: Buffer; meta?: SourceMeta }[] {
  const found: { file: string; bytes: Buffer; meta?: SourceMeta }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!deep) continue;
      for (const inner of readdirSync(full))
        if (inner.endsWith('.txt'))
          found.push({ file: path.join(full, inner), bytes: readFileSync(path.join(full, inner)) });
    } else if (entry.name.endsWith('.txt')) {
      const metaFile = full.replace(/\.txt$/u, '.meta.json');
      let meta: SourceMeta | undefined;
      try {
        meta = JSON.parse(readFileSync(metaFile, 'utf8')) as SourceMeta;
      } catch {
        meta = undefined;
      }
      found.push({ file: full, bytes: readFileSync(full), meta });
    }
  }
  return found;
}

const corpora = {
  seeds: texts(path.join(ROOT, 'seeds')),
  'genre texts': texts(path.join(ROOT, 'tests', 'texts')),
  'real-pattern pages': [
    ...texts(path.join(ROOT, 'tests', 'texts', 'pages')),
    ...texts(path.join(ROOT, 'tests', 'texts', 'pages-holdout')),
  ],
  'cleaning fixtures': texts(path.join(ROOT, 'tests', 'fixtures', 'clean'), true),
  'bad inputs and Markdown look-alikes': [
    ...texts(path.join(ROOT, 'tests', 'fixtures', 'bad-input')),
    {
      file: 'look-alikes.txt',
      bytes: Buffer.from(
        [
          '本报讯 标题一行',
          '# 井号开头的一行',
          '1. 数字加点开头，*星号*与_下划线_，`反引号`，\\反斜杠',
          '<script>alert(1)</script>正文 &amp; {{handlebars}}与{{{triple}}}',
          ':::seg{#x} 冒号开头 :abc 与 ::leaf[文字]{.cls}',
          '- 短横线开头 > 大于号 [链接](javascript:alert(1)) ![图](x.png)',
          '第一行文字',
          '第二行文字，**“强调”**，没错。',
        ].join('\n'),
      ),
    },
  ],
};

describe('the tree route and the Markdown route give the same HTML', () => {
  for (const [name, sources] of Object.entries(corpora)) {
    it(`on the ${name} (${sources.length} texts)`, () => {
      expect(sources.length).toBeGreaterThan(0);
      let articles = 0;
      for (const s of sources) {
        const result = processSource(path.relative(ROOT, s.file), s.bytes, s.meta ?? {}, resources);
        for (const article of result.value?.articles ?? []) {
          const fromTree = mdastToHtml(articleToMdast(article)).html;
          const fromMarkdown = markdownToHtml(mdastToMarkdown(articleToMdast(article))).html;
          expect(fromTree, `${s.file} ${article.id}`).toBe(fromMarkdown);
          articles += 1;
        }
      }
      expect(articles).toBeGreaterThan(0);
    });
  }
});
