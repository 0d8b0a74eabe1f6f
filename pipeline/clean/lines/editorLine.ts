// Editor and proof-reader lines at the end of web copies (编辑:尹媛, 责任编辑：…).
import type { LineRule } from './lineRule.ts';

export const editorLine: LineRule = {
  id: 'editor-line',
  pass: 1,
  classify(content) {
    if (
      /^[（(【\[]?(责任编辑|编辑|责编|校对|审核|审校|监制|值班编辑|美编)[:：\s/／]\s*[\p{Script=Han}·A-Za-z\s、]{1,20}[）)】\]]?$/u.test(
        content,
      )
    ) {
      return { role: 'credit', reason: 'editor line' };
    }
    return null;
  },
};
