// render: the serialiser's shortcut for texts with nothing to escape gives exactly what full escaping gives.
import type { Root } from 'mdast';
import { directiveToMarkdown } from 'mdast-util-directive';
import { frontmatterToMarkdown } from 'mdast-util-frontmatter';
import { toMarkdown } from 'mdast-util-to-markdown';
import { describe, expect, it } from 'vitest';
import { mdastToMarkdown, segmentBlock } from '../pipeline/render/articleToMarkdown.ts';
import { makeSegment } from '../pipeline/domain/segment.ts';

/** The serialiser as it is, every text escaped pattern by pattern. */
const escapedEverywhere = (tree: Root) =>
  toMarkdown(tree, {
    extensions: [directiveToMarkdown(), frontmatterToMarkdown(['yaml'])],
    bullet: '-',
    emphasis: '_',
    strong: '*',
  });

const TEXTS = [
  '市政府召开常务会议，研究部署下一阶段工作。',
  '# 不是标题',
  '1. 不是列表',
  '- 不是列表',
  '> 不是引用',
  ' 前面有空格',
  '后面有空格 ',
  'Premier Li said: the plan works',
  'a:b 与 :directive',
  '路径 C:\\data\\file 和 \\* 星号',
  '*强调* 与 _下划线_ 与 snake_case_name',
  '<b>标签</b> & 实体 &amp;',
  '[链接](http://example.com) ![图]',
  '增长3.5%，达到1,200亿元（同比+2.1%）',
  '`代码` 和 ~~删除~~ 和 | 表格 |',
  '全角：冒号、顿号；分号！',
  'GDP grew 5.2 percent in 2023',
  '= 等号 = 和 +加号',
];

describe('text without unsafe characters', () => {
  for (const zh of TEXTS) {
    it(`serialises ${JSON.stringify(zh)} as full escaping does`, () => {
      const segment = { ...makeSegment(zh), en: zh, enStatus: 'rule' as const };
      const tree: Root = {
        type: 'root',
        children: [
          segmentBlock(segment, 'paragraph'),
          segmentBlock(segment, 'heading', { depth: 2 }),
          segmentBlock(segment, 'clause', { lead: zh.slice(0, 3) }),
          segmentBlock({ ...segment, en: null }, 'paragraph'),
        ] as Root['children'],
      };
      expect(mdastToMarkdown(tree)).toBe(escapedEverywhere(tree));
    });
  }
});
