// Titles of recurring forms rendered by rule: plenary resolutions and communiqués, adoption lines, press conferences.
import type { Localizer } from './localizer.ts';
import { firstRendering, type RenderingRule } from './renderingRule.ts';
import { renderDate, titleCase } from './renderNumbers.ts';

type Rule = RenderingRule;

const resolutionTitle: Rule = (zh, loc) => {
  const m = /^(.+?)(决议|公报)$/u.exec(zh);
  if (!m) return null;
  const meeting = loc.meetingEn(m[1]);
  if (!meeting) return null;
  return titleCase(`${m[2] === '决议' ? 'Resolution' : 'Communiqué'} of ${meeting.replace(/^the /u, 'the ')}`);
};

const adoptionLine: Rule = (zh, loc) => {
  const m = /^[（(](\d{4})年(\d{1,2})月(\d{1,2})日(.+?)(通过|批准)[)）]$/u.exec(zh);
  if (!m) return null;
  const meeting = loc.meetingEn(m[4]);
  if (!meeting) return null;
  const date = renderDate(`${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`);
  return `(Adopted at ${meeting} on ${date})`;
};

/** 市委召开新闻发布会解读市委十二届三次全会精神 → CPC Tianjin Municipal Committee holds press conference on guiding principles of … */
const pressConference: Rule = (zh, loc) => {
  const m = /^(.+?)(召开|举行|举办)(新闻发布会|发布会)(?:解读|介绍)(.+?)(精神|有关情况|情况)$/u.exec(zh);
  if (!m) return null;
  const host = loc.bodyEn(m[1]);
  const subject = loc.meetingEn(m[4]);
  if (!host || !subject) return null;
  const object = m[5] === '精神' ? `the guiding principles of ${subject}` : subject;
  const sentence = `${host.replace(/^the /u, '')} holds press conference on ${object}`;
  return sentence[0].toUpperCase() + sentence.slice(1);
};

/** A headline that is only a place or a known name: 南开区 → Nankai District. */
const termOnly: Rule = (zh, loc) =>
  loc.bodyEn(zh) ?? (/^[\p{Script=Han}]{2,4}(区|县|新区)$/u.test(zh) ? loc.placeWithLevel(zh) : null);

export const headlineRules: Rule[] = [resolutionTitle, adoptionLine, pressConference, termOnly];

export function renderHeadlineByRule(zh: string, loc: Localizer): string | null {
  return firstRendering(headlineRules, zh, loc);
}
