// The order of the text rules. Earlier rules claim their ranges first; later rules work around them.
import type { CleanRule } from './rules/cleanRule.ts';
import { collapseBlankLines } from './rules/collapseBlankLines.ts';
import { extractInlineByline } from './rules/extractInlineByline.ts';
import { joinPageBreaks } from './rules/joinPageBreaks.ts';
import { normalisePunctuationWidth } from './rules/normalisePunctuationWidth.ts';
import { removeControlCharacters } from './rules/removeControlCharacters.ts';
import { removeNonBodyLines } from './rules/removeNonBodyLines.ts';
import { removeReadingAids } from './rules/removeReadingAids.ts';
import { removeSpacesInChineseText } from './rules/removeSpacesInChineseText.ts';
import { repairDoubledChar } from './rules/repairDoubledChar.ts';
import { repairDoubledCharAtCut } from './rules/repairDoubledCharAtCut.ts';
import { repairDoubledWord } from './rules/repairDoubledWord.ts';
import { stripMarkdownMarks } from './rules/stripMarkdownMarks.ts';
import { stripWireEndMark } from './rules/stripWireEndMark.ts';
import { trimLineWhitespace } from './rules/trimLineWhitespace.ts';

export const cleanRules: CleanRule[] = [
  removeControlCharacters,
  removeNonBodyLines,
  stripMarkdownMarks,
  trimLineWhitespace,
  extractInlineByline,
  stripWireEndMark,
  removeReadingAids,
  normalisePunctuationWidth,
  removeSpacesInChineseText,
  joinPageBreaks,
  repairDoubledCharAtCut,
  repairDoubledWord,
  repairDoubledChar,
  collapseBlankLines,
];
