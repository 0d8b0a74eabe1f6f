// "(2023年5月31日中国共产党…全体会议通过)": the adoption line under a resolution's title.
import type { LineRule } from './lineRule.ts';

export const adoptionLine: LineRule = {
  id: 'adoption-line',
  pass: 1,
  classify(content) {
    return /^[（(][^（()）]{0,6}([0-9０-９〇零一二三四五六七八九]{4})年.{1,6}月.{1,4}日.{0,80}(通过|批准|审议)[）)]$/u.test(
      content,
    )
      ? { role: 'adoption-line', reason: 'adoption line of a resolution' }
      : null;
  },
};
