// Names in pinyin as English media write them: surname first, given name joined, apostrophe before a/o/e (Chen Min'er).
import { pinyin } from 'pinyin-pro';
import { wordSegmenter } from '../domain/wordSegmenter.ts';
import { surnameOf } from '../domain/surnames.ts';

/** Renderings by name: names, places and terms recur in every article, and pinyin-pro is costly per call. */
function remembered(render: (zh: string) => string): (zh: string) => string {
  const known = new Map<string, string>();
  return (zh) => {
    let en = known.get(zh);
    if (en === undefined) {
      // Bounded: a long run forgets all at once rather than keeping every name it met.
      if (known.size >= 20_000) known.clear();
      known.set(zh, (en = render(zh)));
    }
    return en;
  };
}

const capitalise = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

/** Joins syllables, with an apostrophe where a syllable starting with a, o or e would run into the one before. */
export function joinSyllables(syllables: string[]): string {
  return syllables.map((s, i) => (i > 0 && /^[aoe]/u.test(s.normalize('NFD')) ? `'${s}` : s)).join('');
}

function syllablesOf(text: string, surname = false): string[] {
  return pinyin(text, { toneType: 'none', type: 'array', surname: surname ? 'head' : 'off', v: true }).map((s) =>
    s.replace(/ü/gu, 'v').replace(/v/gu, 'u'),
  );
}

export const renderPinyinName = remembered((name: string): string => {
  const surname = surnameOf(name) ?? name[0];
  const all = syllablesOf(name, true);
  const n = [...surname].length;
  return `${capitalise(joinSyllables(all.slice(0, n)))} ${capitalise(joinSyllables(all.slice(n)))}`.trim();
});

/** A place name in pinyin (武侯 → Wuhou, 西安 → Xi'an). */
export const renderPinyinPlace = remembered((place: string): string => capitalise(joinSyllables(syllablesOf(place))));

/** Pinyin with tone marks for the glossary (两个确立 → liǎng gè quèlì). */
export const glossaryPinyin = remembered((zh: string): string =>
  [...wordSegmenter.segment(zh)]
    .filter((s) => /\p{Script=Han}/u.test(s.segment))
    .map((s) => joinSyllables(pinyin(s.segment, { type: 'array' })))
    .join(' '),
);
