// Every label the briefing shows, in both languages.
import type { Genre } from './types.ts';

export interface Label {
  zh: string;
  en: string;
}

export const GENRE_LABELS: Record<Genre, Label> = {
  resolution: { zh: '全会决议', en: 'Plenary resolution' },
  'press-conference': { zh: '新闻发布会', en: 'Press conference' },
  'action-plan': { zh: '行动方案', en: 'Action plan' },
  news: { zh: '新闻', en: 'News' },
  commentary: { zh: '评论', en: 'Commentary' },
  feature: { zh: '专题', en: 'Feature' },
  other: { zh: '其他', en: 'Other' },
};

export const LABELS = {
  keyPoints: { zh: '核心提示', en: 'Key points' },
  preamble: { zh: '导语', en: 'Preamble' },
  question: { zh: '问', en: 'Q' },
  answer: { zh: '答', en: 'A' },
  speakers: { zh: '发言人', en: 'Speakers' },
  item: { zh: '第{n}项', en: 'Item {n}' },
  contents: { zh: '目录', en: 'Contents' },
  people: { zh: '人物', en: 'People' },
  figures: { zh: '数据', en: 'Figures' },
  documents: { zh: '文件', en: 'Documents' },
  organizations: { zh: '机构', en: 'Organizations' },
  places: { zh: '地点', en: 'Places' },
  glossary: { zh: '术语表', en: 'Glossary' },
  date: { zh: '日期', en: 'Date' },
  genre: { zh: '体裁', en: 'Genre' },
  source: { zh: '来源', en: 'Source' },
  byline: { zh: '署名', en: 'Byline' },
  reporters: { zh: '记者', en: 'Reporters' },
  correspondents: { zh: '通讯员', en: 'Correspondents' },
  column: { zh: '栏目', en: 'Column' },
  penName: { zh: '笔名', en: 'Pen name' },
  captions: { zh: '图片说明', en: 'Photo captions' },
  sourceAndEdits: { zh: '来源与修改', en: 'Source and edits' },
  edits: { zh: '修改记录', en: 'Edits applied' },
  flags: { zh: '待审核', en: 'Flags awaiting review' },
  checksum: { zh: '校验和', en: 'Checksum' },
  script: { zh: '字形', en: 'Script' },
  encoding: { zh: '编码', en: 'Encoding' },
  issueDate: { zh: '出版日期', en: 'Issue date' },
  pending: { zh: '译文待补', en: 'translation pending' },
  bothLanguages: { zh: '中英对照', en: 'Both' },
  chineseOnly: { zh: '仅中文', en: 'Chinese' },
  englishOnly: { zh: '仅英文', en: 'English' },
  briefings: { zh: '简报', en: 'Briefings' },
  meeting: { zh: '会议', en: 'Meeting' },
  attendance: { zh: '出席', en: 'Attendance' },
  kicker: { zh: '引题', en: 'Kicker' },
} satisfies Record<string, Label>;
