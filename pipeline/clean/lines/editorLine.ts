// Editor and proof-reader lines at the end of web copies (编辑:尹媛, 责任编辑：…).
import type { LineRule } from './lineRule.ts';

const ROLES = '责任编辑|责任记者|责任校对|编辑|责编|校对|审核|审校|监制|值班编辑|美编|终审|初审|复审|签发';
const EDITOR = new RegExp(
  String.raw`^[（(【\[]?(${ROLES})[:：\s/／]\s*[\p{Script=Han}·A-Za-z\s、]{1,20}[）)】\]]?$`,
  'u',
);

export const editorLine: LineRule = {
  id: 'editor-line',
  pass: 1,
  classify(content) {
    if (EDITOR.test(content)) {
      return { role: 'credit', reason: 'editor line' };
    }
    return null;
  },
};
