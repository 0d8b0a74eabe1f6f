// The order in which line rules give lines their roles: the first rule that answers wins.
import { adoptionLine } from './lines/adoptionLine.ts';
import { bylineLine } from './lines/bylineLine.ts';
import { columnName } from './lines/columnName.ts';
import { penName } from './lines/penName.ts';
import { editorLine } from './lines/editorLine.ts';
import { headline } from './lines/headline.ts';
import { imagePlaceholder } from './lines/imagePlaceholder.ts';
import { leadLabel } from './lines/leadLabel.ts';
import type { LineRule } from './lines/lineRule.ts';
import { numberedHeading } from './lines/numberedHeading.ts';
import { photoCaption } from './lines/photoCaption.ts';
import { photoCredit } from './lines/photoCredit.ts';
import { signatureBlock } from './lines/signatureBlock.ts';
import { siteNavigation } from './lines/siteNavigation.ts';
import { sourceLine } from './lines/sourceLine.ts';

export const lineRules: LineRule[] = [
  imagePlaceholder,
  editorLine,
  sourceLine,
  photoCredit,
  photoCaption,
  bylineLine,
  siteNavigation,
  leadLabel,
  adoptionLine,
  signatureBlock,
  numberedHeading,
  columnName,
  penName,
  headline,
];
