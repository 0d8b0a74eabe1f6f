import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportXliff, XLIFF_NS, type XliffUnitInput } from '../../pipeline/xliff/exportXliff.ts';
import { importXliff, XliffError } from '../../pipeline/xliff/importXliff.ts';
import { attribute, childElements, parseXml, type XmlElement } from '../../pipeline/xliff/xml.ts';
import { makeSegment } from '../../pipeline/domain/segment.ts';
import type { Segment } from '../../pipeline/domain/types.ts';
import { runXliffCommand } from '../../pipeline/xliffCommands.ts';

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

describe('exportXliff', () => {
  // Validity against the OASIS schema is checked by xmllint in schema.test.ts; this checks the content.
  it('writes one file per article, one unit per segment, reviewed ones left out', () => {
    const { units, pending, engine, nasty, reviewed } = fixture();
    const xml = exportXliff(units, { srcLang: 'zh-CN', trgLang: 'en' });
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
    expect(() => importXliff(xml.replace('</source>', '</sourc>'))).toThrow(/<\/sourc> closes <source>/u);
    expect(() => importXliff(xml.replace('<target></target>', '<target>a&nbsp;b</target>'))).toThrow(
      /unknown entity &nbsp;/u,
    );
    expect(() => importXliff(xml.replace('<target></target>', '<target>a & b</target>'))).toThrow(
      /"&" must start an entity/u,
    );
    expect(() => importXliff(xml.replace('<target></target>', '<target>a < b</target>'))).toThrow(XliffError);
    expect(() => importXliff(xml.replace('<target></target>', '<target>a\u0001b</target>'))).toThrow(XliffError);
    expect(() =>
      importXliff(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]>${xml.slice(xml.indexOf('<xliff'))}`),
    ).toThrow(/DOCTYPE/u);
    expect(() => importXliff(xml.replace('version="2.0"', 'version="1.2"'))).toThrow(/version="1.2"/u);
    expect(() => importXliff('<xliff version="2.0"/>')).toThrow(/not an XLIFF 2.0 document/u);
    expect(() => importXliff(`${xml}<extra/>`)).toThrow(/after the root/u);
    expect(() => importXliff(xml.slice(0, xml.lastIndexOf('</file>')))).toThrow(
      /<file> \(line \d+, column 2\) is not closed/u,
    );
  });

  it('names the file, the line and the column of malformed XML', () => {
    const { units } = fixture();
    const xml = exportXliff(units);
    const error = (document: string): XliffError => {
      try {
        importXliff(document, { file: 'review.xlf' });
      } catch (e) {
        if (e instanceof XliffError) return e;
        throw e;
      }
      throw new Error('no error');
    };
    const cases: [string, string, string][] = [
      ['<target></target>', '<target>a&nbsp;b</target>', '&nbsp;'],
      ['<target></target>', '<target>Tom & Jerry</target>', '& Jerry'],
      ['<target></target>', '<target>x &#1; y</target>', '&#1;'],
    ];
    for (const [from, to, mark] of cases) {
      const broken = xml.replace(from, to);
      const at = broken.indexOf(mark);
      const line = broken.slice(0, at).split('\n').length;
      const column = at - broken.lastIndexOf('\n', at - 1);
      const e = error(broken);
      expect([e.file, e.line, e.column], mark).toEqual(['review.xlf', line, column]);
      expect(e.message, mark).toMatch(new RegExp(`^review\\.xlf:${line}:${column}: not well-formed XML: `, 'u'));
    }
    // A wrong end tag: the error is on its line and names where the open element began.
    const broken = xml.replace('</source>', '</sourc>');
    const line = broken.slice(0, broken.indexOf('</sourc>')).split('\n').length;
    const e = error(broken);
    expect(e.line).toBe(line);
    expect(e.message).toMatch(
      new RegExp(`^review\\.xlf:${line}:\\d+: .*</sourc> closes <source> \\(line ${line}, column 5\\)`, 'u'),
    );
    // CR LF line ends and a byte order mark change nothing.
    const crlf = error(`\uFEFF${broken.replace(/\n/gu, '\r\n')}`);
    expect([crlf.line, crlf.column]).toEqual([e.line, e.column]);
  });

  it('reads a large document whole, and still knows where each unit is', () => {
    const units = Array.from({ length: 3000 }, (_, i) => {
      const segment = { ...makeSegment(`第${i}条。`), en: `Article ${i}.`, enStatus: 'engine' as const };
      return { segment, articleId: `a-${Math.floor(i / 100)}`, notes: [] };
    });
    const xml = exportXliff(units).replace(/state="translated"/gu, 'state="final"');
    const last = xml.replace('<source>第2999条。</source>', '<source>第2999条（改）。</source>');
    const result = importXliff(last, { file: 'big.xlf' });
    expect(result.translations).toHaveLength(2999);
    expect(result.translations[1234]).toEqual({
      id: makeSegment('第1234条。').id,
      zh: '第1234条。',
      en: 'Article 1234.',
    });
    const unitAt = last.lastIndexOf('<unit ');
    const line = last.slice(0, unitAt).split('\n').length;
    expect(result.problems).toEqual([
      `big.xlf:${line}:3: file a-29, unit ${makeSegment('第2999条。').id}: the source text does not match the unit id (source edited, or id changed); not imported`,
    ]);
  });

  it('reports every unit it does not take in, and counts the empty ones', () => {
    const ok = makeSegment('甲。');
    const unit = (id: string, body: string) => `<unit id="${id}">${body}</unit>`;
    const seg = (zh: string, en: string) => `<segment><source>${zh}</source><target>${en}</target></segment>`;
    const xml = `<xliff xmlns="${XLIFF_NS}" version="2.0" srcLang="zh-CN" trgLang="en"><file id="f">
${unit(ok.id, seg('甲。', 'A.'))}
${unit('u1', seg('乙。', 'B.'))}
${unit(makeSegment('丙。').id, seg('丙？', 'C?'))}
${unit(makeSegment('丁。').id, '<segment><target>D.</target></segment>')}
${unit(makeSegment('戊。').id, seg('戊。', ''))}
${unit(makeSegment('己。庚。').id, `<segment><source>己。</source><target order="3">F.</target></segment>${seg('庚。', 'G.')}`)}
<trans-unit id="x"/>
${unit(makeSegment('辛。').id, seg('辛。', 'H<cp hex="D800"/>.'))}
</file></xliff>`;
    const result = importXliff(xml, { file: 'r.xlf' });
    expect(result.translations).toEqual([{ id: ok.id, zh: '甲。', en: 'A.' }]);
    expect(result.untranslated).toBe(1);
    expect(result.problems).toEqual([
      'r.xlf:3:1: file f, unit u1: the unit id is not a segment id written by export-xliff (16 hex digits); not imported',
      `r.xlf:4:1: file f, unit ${makeSegment('丙。').id}: the source text does not match the unit id (source edited, or id changed); not imported`,
      `r.xlf:5:29: file f, unit ${makeSegment('丁。').id}: <segment> without <source>; the unit is not imported`,
      `r.xlf:7:57: file f, unit ${makeSegment('己。庚。').id}: <target order="3"> names no free place among 2; the unit is not imported`,
      'r.xlf:8:1: <trans-unit> does not belong in <file>; its content is not imported',
      `r.xlf:9:66: file f, unit ${makeSegment('辛。').id}: <cp hex="D800"> is not a code point; the unit is not imported`,
    ]);
  });

  it('puts targets in the order their order attribute gives, and inherits xml:space from file and group', () => {
    const zh = '第一句。第二句。';
    const id = makeSegment(zh).id;
    const xml = `<xliff xmlns="${XLIFF_NS}" version="2.0" srcLang="zh-CN"><file id="f" xml:space="preserve">
  <group id="g"><unit id="${id}">
    <segment><source>第一句。</source><target order="2"> first</target></segment>
    <segment><source>第二句。</source><target order="1">Second,</target></segment>
  </unit></group>
  <group id="h" xml:space="default"><unit id="${makeSegment('甲').id}">
    <segment><source>甲</source><target>  A <!-- a comment --> <?pi ignored?>  a  </target></segment>
  </unit></group>
</file></xliff>`;
    const result = importXliff(xml);
    expect(result.problems).toEqual([]);
    expect(result.translations.map((t) => t.en)).toEqual(['Second, first', 'A a']);
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

describe('import-xliff', () => {
  it('reports problems as file:line:column, follows no path named in the document, and stores only the file name', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'briefings-import-'));
    try {
      const ok = makeSegment('甲。');
      const xml = `<xliff xmlns="${XLIFF_NS}" version="2.0" srcLang="zh-CN" trgLang="en">
 <file id="f" original="../../../etc/passwd"><skeleton href="../../outside/skeleton.txt"/>
  <unit id="${ok.id}"><segment state="final"><source>甲。</source><target>A.</target></segment></unit>
  <unit id="${makeSegment('乙。').id}"><segment><source>乙？</source><target>B.</target></segment></unit>
 </file>
</xliff>`;
      mkdirSync(path.join(dir, 'work'));
      writeFileSync(path.join(dir, 'work', 'review.xlf'), xml);
      const lines: string[] = [];
      const io = { out: (l: string) => lines.push(`out ${l}`), err: (l: string) => lines.push(`err ${l}`) };
      const cwd = path.join(dir, 'work');
      expect(await runXliffCommand('import-xliff', ['review.xlf'], { cwd, io })).toBe(1);
      expect(lines).toEqual([
        `err review.xlf:4:3: file f, unit ${makeSegment('乙。').id}: the source text does not match the unit id (source edited, or id changed); not imported`,
        'out imported 1 reviewed translations from review.xlf into translations/reviewed.json (1 new, 0 changed, 0 left untouched, 0 without a translation)',
      ]);
      expect(readdirSync(dir)).toEqual(['work']);
      expect(readdirSync(cwd).sort()).toEqual(['review.xlf', 'translations']);
      const stored = JSON.parse(readFileSync(path.join(cwd, 'translations', 'reviewed.json'), 'utf8')) as Record<
        string,
        { from: string }
      >;
      expect(stored[ok.id].from).toBe('review.xlf');

      writeFileSync(path.join(cwd, 'broken.xlf'), xml.replace('</target>', '</targte>'));
      lines.length = 0;
      expect(await runXliffCommand('import-xliff', ['broken.xlf'], { cwd, io })).toBe(2);
      expect(lines).toEqual([
        expect.stringMatching(
          /^err broken\.xlf:3:\d+: not well-formed XML: <\/targte> closes <target> \(line 3, column \d+\)$/u,
        ),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
