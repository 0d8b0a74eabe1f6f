// Credit tables of portal templates: | 记者： | 张三 | 编辑： | 李四 |. The names are credits, not text.
import { CREDIT_LABELS } from '../../domain/lineVocabulary.ts';
import { describeEvidence, furnitureEvidence } from './furnitureEvidence.ts';
import type { LineRule } from './lineRule.ts';

export const creditTable: LineRule = {
  id: 'credit-table',
  pass: 1,
  classify(content) {
    const cells = content.split(/[|｜]/u).filter((c) => c.trim() !== '');
    if (cells.length < 2 || (content.match(/[|｜]/gu) ?? []).length < 2) return null;
    const evidence = furnitureEvidence(content);
    if (evidence.sentenceLike || evidence.share < 0.8) return null;
    const credited = evidence.tokens.some((t) => t.kind === 'label' && CREDIT_LABELS.test(t.text.trim()));
    return credited
      ? { role: 'credit', reason: `credit table separated by | (${describeEvidence(evidence)})` }
      : { role: 'debris', reason: `a row of cells separated by | (${describeEvidence(evidence)})` };
  },
};
