// The order in which line rules give lines their roles: the first rule that answers wins. Pass 1 reads each line
// and the text around it; pass 2 reads the roles pass 1 gave and the line's place relative to the article's text.
import { adoptionLine } from './lines/adoptionLine.ts';
import { articleSurroundings } from './lines/articleSurroundings.ts';
import { breadcrumb } from './lines/breadcrumb.ts';
import { bylineLine } from './lines/bylineLine.ts';
import { columnName } from './lines/columnName.ts';
import { creditTable } from './lines/creditTable.ts';
import { penName } from './lines/penName.ts';
import { editorLine } from './lines/editorLine.ts';
import { headline } from './lines/headline.ts';
import { imagePlaceholder } from './lines/imagePlaceholder.ts';
import { leadLabel } from './lines/leadLabel.ts';
import type { LineRule } from './lines/lineRule.ts';
import { metadataTable } from './lines/metadataTable.ts';
import { pageNotice } from './lines/pageNotice.ts';
import { numberedHeading } from './lines/numberedHeading.ts';
import { pageHeader } from './lines/pageHeader.ts';
import { photoCaption } from './lines/photoCaption.ts';
import { photoCredit } from './lines/photoCredit.ts';
import { readerInterface } from './lines/readerInterface.ts';
import { signatureBlock } from './lines/signatureBlock.ts';
import { siteNavigation } from './lines/siteNavigation.ts';
import { sourceLine } from './lines/sourceLine.ts';

export const lineRules: LineRule[] = [
  imagePlaceholder,
  editorLine,
  pageNotice,
  metadataTable,
  signatureBlock,
  sourceLine,
  pageHeader,
  creditTable,
  photoCredit,
  photoCaption,
  bylineLine,
  leadLabel,
  adoptionLine,
  breadcrumb,
  readerInterface,
  siteNavigation,
  numberedHeading,
  columnName,
  penName,
  articleSurroundings,
  headline,
];
