// The one Chinese word segmenter: ICU's dictionary segmenter through Intl.Segmenter (built into Node).
export const wordSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });
