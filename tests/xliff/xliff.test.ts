import { describe, expect, it } from 'vitest';
import { exportXliff, XLIFF_NS, type XliffUnitInput } from '../../pipeline/xliff/exportXliff.ts';
import { importXliff, XliffError } from '../../pipeline/xliff/importXliff.ts';
import { attribute, childElements, parseXml, type XmlElement } from '../../pipeline/xliff/xml.ts';
import { makeSegment } from '../../pipeline/domain/segment.ts';
import type { Segment } from '../../pipeline/domain/types.ts';

const NASTY = '他说：<script>alert("x")</script> & ]]> \'引号\' 完毕';

function fixture(): { units: XliffUnitInput[]; pending: Segment; engine: Segment; nasty: Segment; reviewed: Segment } {
  const pending = makeSegment('全会审议通过了《决议》。');
  const engine: Segment = {
    ...makeSegment('全会号召，全市各级党组织要团结奋斗。'),
    en: 'The plenary session called on Party organizations at all levels to strive in unity.',
    enStatus: 'engine',
    enNote: 'openai:qwen2.5',
  };
  const nasty = makeSegment(NASTY);
  const reviewed: Segment = { ...makeSegment('已审校。'), en: 'Reviewed.', enStatus: 'reviewed' };
  const units: XliffUnitInput[] = [
    {
      segment: pending,
      articleId: 'a_1-1',
      notes: [
        'term: 决议 → resolution',
        'memory (0.92): The plenary session adopted the Resolution.',
        { category: 'context', text: 'title: 中共天津市委十二届三次全会决议 & <b>' },
      ],
    },
    { segment: engine, articleId: 'a_1-1', notes: [] },
    { segment: reviewed, articleId: 'a_1-1', notes: [] },
    { segment: nasty, articleId: 'a_1-2', notes: ['context: "quoted" & \'apos\' <tag>'] },
    { segment: makeSegment('全会审议通过了《决议》。'), articleId: 'a_1-2', notes: [] },
  ];
  return { units, pending, engine, nasty, reviewed };
}

const ALLOWED = new Map<string, string[]>([
  ['xliff', ['file']],
  ['file', ['notes', 'unit', 'group', 'skeleton']],
  ['unit', ['notes', 'originalData', 'segment', 'ignorable']],
  ['notes', ['note']],
  ['segment', ['source', 'target']],
]);

/** The XLIFF 2.0 core rules this export must meet (a subset of the spec's constraints and schema). */
function validateXliff2(xml: string): string[] {
  const errors: string[] = [];
  const root = parseXml(xml);
  if (root.local !== 'xliff' || root.ns !== XLIFF_NS) errors.push('root must be <xliff> in the XLIFF 2.0 namespace');
  if (attribute(root, 'version') !== '2.0') errors.push('version must be 2.0');
  if (!attribute(root, 'srcLang')) errors.push('srcLang is required');
  const walk = (el: XmlElement) => {
    const allowed = ALLOWED.get(el.local);
    if (allowed) {
      for (const child of childElements(el, XLIFF_NS))
        if (!allowed.includes(child.local)) errors.push(`<${child.local}> not allowed in <${el.local}>`);
      for (const child of el.children)
        if (child.type === 'text' && child.text.trim() !== '') errors.push(`text not allowed in <${el.local}>`);
    }
    for (const child of childElements(el, XLIFF_NS)) walk(child);
  };
  walk(root);
  const files = childElements(root, XLIFF_NS, 'file');
  if (files.length === 0) errors.push('at least one <file>');
  const fileIds = files.map((f) => attribute(f, 'id'));
  if (fileIds.some((id) => !id || !/^[\p{L}\p{N}._:-]+$/u.test(id))) errors.push('file ids must be NMTOKENs');
  if (new Set(fileIds).size !== fileIds.length) errors.push('file ids must be unique');
  for (const file of files) {
    const units = childElements(file, XLIFF_NS, 'unit');
    if (units.length === 0) errors.push('a <file> needs a <unit>');
    const unitIds = units.map((u) => attribute(u, 'id'));
    if (unitIds.some((id) => !id)) errors.push('unit id is required');
    if (new Set(unitIds).size !== unitIds.length)
      errors.push(`unit ids must be unique in file ${attribute(file, 'id')}`);
    for (const unit of units) {
      const kids = childElements(unit, XLIFF_NS).map((c) => c.local);
      if (!kids.includes('segment')) errors.push('a <unit> needs a <segment>');
      if (kids.includes('notes') && kids.indexOf('notes') !== 0) errors.push('<notes> comes first in <unit>');
      for (const note of childElements(unit, XLIFF_NS, 'notes').flatMap((n) => childElements(n, XLIFF_NS, 'note')))
        if (!note.children.every((c) => c.type === 'text')) errors.push('a <note> holds text only');
      for (const segment of childElements(unit, XLIFF_NS, 'segment')) {
        const parts = childElements(segment, XLIFF_NS).map((c) => c.local);
        if (parts[0] !== 'source' || parts.filter((p) => p === 'source').length !== 1)
          errors.push('a <segment> has one <source>, first');
        if (parts.filter((p) => p === 'target').length > 1) errors.push('at most one <target>');
        const state = attribute(segment, 'state');
        if (state && !['initial', 'translated', 'reviewed', 'final'].includes(state)) errors.push(`bad state ${state}`);
      }
    }
  }
  return errors;
}

describe('exportXliff', () => {
  it('produces a valid XLIFF 2.0 document: one file per article, one unit per segment, reviewed ones left out', () => {
    const { units, pending, engine, nasty, reviewed } = fixture();
    const xml = exportXliff(units, { srcLang: 'zh-CN', trgLang: 'en' });
    expect(validateXliff2(xml)).toEqual([]);
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" [^>]*version="2.0" srcLang="zh-CN" trgLang="en">/u,
    );
    const root = parseXml(xml);
    const files = childElements(root, XLIFF_NS, 'file');
    expect(files.map((f) => attribute(f, 'id'))).toEqual(['a_1-1', 'a_1-2']);
    const ids = files.map((f) => childElements(f, XLIFF_NS, 'unit').map((u) => attribute(u, 'id')));
    expect(ids).toEqual([[pending.id, engine.id], [nasty.id]]);
    expect(xml).not.toContain(reviewed.id);
    const [first, second] = childElements(files[0], XLIFF_NS, 'unit');
    const notes = childElements(childElements(first, XLIFF_NS, 'notes')[0], XLIFF_NS, 'note').map((n) => [
      attribute(n, 'category'),
      n.children.map((c) => (c.type === 'text' ? c.text : '')).join(''),
    ]);
    expect(notes).toEqual([
      ['term', '决议 → resolution'],
      ['memory', '(0.92): The plenary session adopted the Resolution.'],
      ['context', 'title: 中共天津市委十二届三次全会决议 & <b>'],
      ['context', 'also in a_1-2'],
    ]);
    const seg = (u: XmlElement) => childElements(u, XLIFF_NS, 'segment')[0];
    expect(attribute(seg(first), 'state')).toBe('initial');
    expect(attribute(seg(second), 'state')).toBe('translated');
    expect(xml).toContain(`<target>${engine.en}</target>`);
  });

  it('escapes markup, quotes and "]]>" so the text comes back exactly', () => {
    const { units, nasty } = fixture();
    const xml = exportXliff(units);
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain(']]>');
    expect(xml).toContain('&lt;script&gt;alert("x")&lt;/script&gt; &amp; ]]&gt;');
    expect(xml).toContain('context">"quoted" &amp; \'apos\' &lt;tag&gt;</note>');
    const edited = xml.replace(
      `<source>${'他说：&lt;script&gt;alert("x")&lt;/script&gt; &amp; ]]&gt; \'引号\' 完毕'}</source>\n    <target></target>`,
      `<source>${'他说：&lt;script&gt;alert("x")&lt;/script&gt; &amp; ]]&gt; \'引号\' 完毕'}</source>\n    <target>He said: &lt;script&gt; &amp; ]]&gt; 'quotes' done</target>`,
    );
    expect(edited).not.toBe(xml);
    const result = importXliff(edited);
    expect(result.problems).toEqual([]);
    expect(result.translations).toEqual([{ id: nasty.id, zh: NASTY, en: "He said: <script> & ]]> 'quotes' done" }]);
  });

  it('writes characters XML cannot hold as <cp/> and reads them back', () => {
    const odd = makeSegment('第一段\u0008第二段\r完');
    const xml = exportXliff([{ segment: odd, articleId: 'x', notes: [] }]);
    expect(xml).toContain('<cp hex="0008"/>');
    expect(xml).toContain('&#13;');
    expect(validateXliff2(xml)).toEqual([]);
    const result = importXliff(xml.replace('<target></target>', '<target>First<cp hex="0008"/>second</target>'));
    expect(result.problems).toEqual([]);
    expect(result.translations).toEqual([{ id: odd.id, zh: odd.zh, en: 'First\u0008second' }]);
  });

  it('refuses to write a document without units', () => {
    expect(() => exportXliff([])).toThrow(/nothing to export/u);
  });
});

describe('importXliff', () => {
  it('round trip: a target edited by hand with an entity, a CDATA part and new line breaks comes back as edited', () => {
    const { units, pending } = fixture();
    const xml = exportXliff(units);
    const untouched = importXliff(xml);
    expect(untouched.translations).toEqual([]);
    expect(untouched.unchanged).toBe(1);
    expect(untouched.problems).toEqual([]);

    const edited = xml.replace(
      /(<unit id="[0-9a-f]+">\s*<notes>[\s\S]*?<\/notes>\s*<segment state=")initial("[^>]*>\s*<source>全会审议通过了《决议》。<\/source>\s*)<target><\/target>/u,
      '$1translated$2<target>\n        The plenary session deliberated &amp; adopted\n        the <![CDATA[<Resolution> & "annex"]]>.\n      </target>',
    );
    expect(edited).not.toBe(xml);
    const result = importXliff(edited);
    expect(result.problems).toEqual([]);
    expect(result.translations).toEqual([
      { id: pending.id, zh: pending.zh, en: 'The plenary session deliberated & adopted the <Resolution> & "annex".' },
    ]);
  });

  it('imports a prefilled target that was changed, or confirmed as final; keeps xml:space="preserve" text as is', () => {
    const { units, engine } = fixture();
    const xml = exportXliff(units);
    const changed = importXliff(
      xml.replace(
        `<target>${engine.en}</target>`,
        '<target>The plenary session called on all Party organizations to strive in unity.</target>',
      ),
    );
    expect(changed.translations.map((t) => [t.id, t.en])).toEqual([
      [engine.id, 'The plenary session called on all Party organizations to strive in unity.'],
    ]);
    const finalXml = xml.replace(
      /(<unit id="[^"]+" brf:prefill="[^"]+">[\s\S]*?<segment state=")translated/u,
      '$1final',
    );
    expect(finalXml).not.toBe(xml);
    const confirmed = importXliff(finalXml);
    expect(confirmed.translations.map((t) => t.en)).toEqual([engine.en]);
    const preserved = importXliff(
      xml.replace(`<target>${engine.en}</target>`, '<target xml:space="preserve">  Two  spaces. </target>'),
    );
    expect(preserved.translations.map((t) => t.en)).toEqual(['  Two  spaces. ']);
  });

  it('reports a unit whose source no longer matches its id, and skips empty targets', () => {
    const { units, pending } = fixture();
    const xml = exportXliff(units).replace(
      '<source>全会审议通过了《决议》。</source>\n    <target></target>',
      '<source>全会审议通过了决议。</source>\n    <target>Adopted.</target>',
    );
    const result = importXliff(xml);
    expect(result.translations).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toContain(pending.id);
    expect(result.problems[0]).toMatch(/does not match the unit id/u);
  });

  it('reads units in groups, multiple segments, and inline codes', () => {
    const zh = '第一句。第二句。';
    const id = makeSegment(zh).id;
    const xml = `<?xml version="1.0"?>
<!-- hand made -->
<x:xliff xmlns:x="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang='zh-CN' trgLang="en-US">
  <x:file id="f"><x:group id="g">
    <x:unit id="${id}">
      <x:segment><x:source>第一句。</x:source><x:target>First <x:pc id="1">sentence</x:pc>.<x:ph id="2"/></x:target></x:segment>
      <x:segment><x:source>第二句。</x:source><x:target>Second&#x20;one&#46;</x:target></x:segment>
    </x:unit>
  </x:group></x:file>
</x:xliff>`;
    const result = importXliff(xml);
    expect(result.problems).toEqual([]);
    expect(result.translations).toEqual([{ id, zh, en: 'First sentence. Second one.' }]);
  });

  it('is strict: malformed XML, unknown entities, DOCTYPE and other vocabularies throw', () => {
    const { units } = fixture();
    const xml = exportXliff(units);
    expect(() => importXliff(xml.replace('</source>', '</sourc>'))).toThrow(XliffError);
    expect(() => importXliff(xml.replace('</source>', '</sourc>'))).toThrow(/closes <source>.*line \d+, column \d+/u);
    expect(() => importXliff(xml.replace('<target></target>', '<target>a&nbsp;b</target>'))).toThrow(
      /unknown entity &nbsp;/u,
    );
    expect(() => importXliff(xml.replace('<target></target>', '<target>a & b</target>'))).toThrow(/entity/u);
    expect(() => importXliff(xml.replace('<target></target>', '<target>a < b</target>'))).toThrow(XliffError);
    expect(() =>
      importXliff(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]>${xml.slice(xml.indexOf('<xliff'))}`),
    ).toThrow(/DOCTYPE/u);
    expect(() => importXliff(xml.replace('version="2.0"', 'version="1.2"'))).toThrow(/version="1.2"/u);
    expect(() => importXliff('<xliff version="2.0"/>')).toThrow(/not an XLIFF 2.0 document/u);
    expect(() => importXliff(`${xml}<extra/>`)).toThrow(/after the root/u);
  });

  it('reports duplicate unit ids and a missing srcLang', () => {
    const id = makeSegment('甲').id;
    const unit = `<unit id="${id}"><segment><source>甲</source><target>A</target></segment></unit>`;
    const result = importXliff(`<xliff xmlns="${XLIFF_NS}" version="2.0"><file id="f">${unit}${unit}</file></xliff>`);
    expect(result.translations).toEqual([{ id, zh: '甲', en: 'A' }]);
    expect(result.problems.some((p) => /srcLang/u.test(p))).toBe(true);
    expect(result.problems.some((p) => /used twice/u.test(p))).toBe(true);
  });
});
