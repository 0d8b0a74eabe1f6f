// Image file names and placeholders left by web copies (…_fororder_1, photo.jpg, [图片]).
import type { LineRule } from './lineRule.ts';

export const imagePlaceholder: LineRule = {
  id: 'image-placeholder',
  pass: 1,
  classify(content) {
    if (
      /_fororder_\d+$/i.test(content) ||
      /\.(jpe?g|png|gif|webp|bmp)$/i.test(content) ||
      /^[[【]?(图片|圖片|image|photo)[\]】]?$/i.test(content)
    ) {
      return { role: 'debris', reason: 'image placeholder left by the web page' };
    }
    return null;
  },
};
