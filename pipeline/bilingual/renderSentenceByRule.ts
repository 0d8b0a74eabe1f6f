// Formulaic sentences of the genre rendered by rule (they carry dates and names the memory cannot hold).
import type { Localizer } from './localizer.ts';
import { firstRendering, type RenderingRule } from './renderingRule.ts';
import { findPeople, mergePeople } from '../domain/personMentions.ts';
import { renderDate } from './renderNumbers.ts';
import { renderPinyinName } from './renderPinyinName.ts';

type SentenceRule = RenderingRule;

const DATE = String.raw`(\d{4})年(\d{1,2})月(\d{1,2})日`;
const iso = (y: string, m: string, d: string) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
const capitalise = (s: string) => s[0].toUpperCase() + s.slice(1);

/** 中国共产党天津市第十二届委员会第三次全体会议，于2023年5月31日召开。 */
const meetingHeld: SentenceRule = (zh, loc) => {
  const m = new RegExp(
    String.raw`^(.+?)[，,]?于${DATE}(?:至(\d{1,2})日)?(?:在([\p{Script=Han}]{2,6}))?(召开|举行)。$`,
    'u',
  ).exec(zh);
  if (!m) return null;
  const meeting = loc.meetingEn(m[1]);
  if (!meeting) return null;
  const when = m[5]
    ? `from ${renderDate(iso(m[2], m[3], m[4])).replace(/, \d{4}$/u, '')} to ${m[5]}, ${m[2]}`
    : `on ${renderDate(iso(m[2], m[3], m[4]))}`;
  const where = m[6] ? ` in ${loc.placeWithLevel(m[6]) ?? m[6]}` : '';
  return `${capitalise(meeting)} was held${where} ${when}.`;
};

/** 全会由市委常委会主持。 / 全会由区委书记马珊珊主持。 is in the memory; this one takes the body. */
const presidedBy: SentenceRule = (zh, loc) => {
  const m = /^全会由([\p{Script=Han}]{2,12}常委会)主持。$/u.exec(zh);
  if (!m) return null;
  const body = loc.bodyEn(m[1]);
  return body ? `The session was presided over by ${body}.` : null;
};

/** "Ma Shanshan, secretary of the CPC Nankai District Committee": name first, titles after it, joined with "and". */
export function personWithTitles(zh: string, loc: Localizer): string | null {
  const [person] = mergePeople(findPeople(zh));
  if (!person || !zh.endsWith(person.name)) return null;
  const titles = person.titles.map((t) => loc.titleEn(t.zh));
  if (titles.some((t) => t === null)) return null;
  const name = renderPinyinName(person.name);
  if (titles.length === 0) return name;
  const list = titles.length === 1 ? titles[0] : `${titles.slice(0, -1).join(', ')} and ${titles.at(-1)}`;
  return `${name}, ${list}`;
}

/** 全会由区委书记马珊珊主持。 */
const presidedByPerson: SentenceRule = (zh, loc) => {
  const m = /^(?:全会|会议)由(.{2,40}?)主持。$/u.exec(zh);
  if (!m || /常委会$/u.test(m[1])) return null;
  const person = personWithTitles(m[1], loc);
  return person ? `The ${zh.startsWith('全会') ? 'session' : 'meeting'} was presided over by ${person}.` : null;
};

/** 区委书记马珊珊作了讲话。 / 市委书记陈敏尔代表市委常委会作了讲话。 */
const deliveredSpeech: SentenceRule = (zh, loc) => {
  const m = /^(.{2,40}?)(?:代表(.{2,20}?))?(?:作了|作)(?:重要)?讲话。$/u.exec(zh);
  if (!m) return null;
  const person = personWithTitles(m[1], loc);
  if (!person) return null;
  const behalf = m[2] ? loc.bodyEn(m[2]) : null;
  if (m[2] && !behalf) return null;
  // An apposition of titles closes with a comma before the verb.
  return `${person}${person.includes(',') ? ',' : ''} delivered a speech${behalf ? ` on behalf of ${behalf}` : ''}.`;
};

export const sentenceRules: SentenceRule[] = [meetingHeld, presidedBy, presidedByPerson, deliveredSpeech];

export function renderSentenceByRule(zh: string, loc: Localizer): string | null {
  return firstRendering(sentenceRules, zh, loc);
}
