// Exported XLIFF against the OASIS XLIFF 2.0 core schema, checked by xmllint (libxml2): a validator that shares no
// code with the parser import-xliff uses, run with --nonet so that the schema's import is read from schemas/xliff/.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeSegment } from '../../pipeline/domain/segment.ts';
import type { Segment } from '../../pipeline/domain/types.ts';
import { exportXliff, type XliffUnitInput } from '../../pipeline/xliff/exportXliff.ts';
import { runXliffCommand } from '../../pipeline/xliffCommands.ts';
import { ROOT } from '../helpers.ts';

const SCHEMAS = path.join(ROOT, 'schemas', 'xliff');
const CORE = path.join(SCHEMAS, 'xliff_core_2.0.xsd');

/** xmllint's verdict on a document: ok, and its messages (one per line). */
function validate(xml: string): { ok: boolean; messages: string } {
  if (!existsSync('/usr/bin/xmllint'))
    throw new Error('xmllint is missing: install Debian libxml2-utils (npm test runs scripts/setup.mjs, which does)');
  const result = spawnSync('xmllint', ['--noout', '--nonet', '--schema', CORE, '-'], {
    input: xml,
    encoding: 'utf8',
  });
  if (result.error) throw result.error;
  return { ok: result.status === 0, messages: result.stderr };
}

function fixture(): XliffUnitInput[] {
  const engine: Segment = {
    ...makeSegment('全会号召，全市各级党组织要团结奋斗。'),
    en: 'The plenary session called on Party organizations at all levels to strive in unity.',
    enStatus: 'engine',
    enNote: 'openai:qwen2.5',
  };
  return [
    {
      segment: makeSegment('全会审议通过了《决议》。'),
      articleId: 'a_1-1',
      notes: ['term: 决议 → resolution', 'memory (0.92): The plenary session adopted the Resolution.'],
    },
    { segment: engine, articleId: 'a_1-1', notes: [] },
    { segment: makeSegment('他说：<script>alert("x")</script> & ]]> \'引号\''), articleId: 'a/1 2', notes: [] },
    { segment: makeSegment('第一段\u0008第二段\r完\uFFFE'), articleId: '', notes: ['context: "q" & <t>'] },
    { segment: makeSegment('全会审议通过了《决议》。'), articleId: 'a_1-2', notes: [] },
  ];
}

describe('the XLIFF 2.0 core schema', () => {
  it('is the copy recorded in schemas/xliff/README.md, byte for byte', () => {
    const readme = readFileSync(path.join(SCHEMAS, 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| (\S+\.xsd) \| ([0-9a-f]{64}) \|$/gmu)];
    expect(rows.map((r) => r[1])).toEqual(['xliff_core_2.0.xsd', 'informativeCopiesOf3rdPartySchemas/w3c/xml.xsd']);
    for (const [, file, sha256] of rows)
      expect(
        createHash('sha256')
          .update(readFileSync(path.join(SCHEMAS, file)))
          .digest('hex'),
        file,
      ).toBe(sha256);
    expect(readFileSync(CORE, 'utf8')).toContain('targetNamespace="urn:oasis:names:tc:xliff:document:2.0"');
  });

  it('accepts what exportXliff writes: notes, prefills, escaped markup, <cp/>, odd article ids', () => {
    const xml = exportXliff(fixture(), { srcLang: 'zh-CN', trgLang: 'en' });
    expect(xml).toContain('<cp hex="0008"/>');
    expect(validate(xml)).toEqual({ ok: true, messages: '- validates\n' });
  });

  it('accepts exports of arbitrary text', () => {
    const texts = fc.sample(fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }), { numRuns: 300, seed: 9 });
    const units = texts
      .filter((t) => t.trim() !== '')
      .map((zh, i) => ({
        segment:
          i % 2 ? { ...makeSegment(zh), en: [...zh].reverse().join(''), enStatus: 'engine' as const } : makeSegment(zh),
        articleId: texts[(i * 7) % texts.length],
        notes: [`context: ${texts[(i * 3) % texts.length]}`],
      }));
    const { ok, messages } = validate(exportXliff(units));
    expect(messages).toBe('- validates\n');
    expect(ok).toBe(true);
  });

  it('accepts what `briefings export-xliff` writes for the seeds', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'briefings-xliff-schema-'));
    try {
      const lines: string[] = [];
      const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
      const code = await runXliffCommand('export-xliff', [path.join(ROOT, 'seeds')], {
        out: 'seeds.xliff',
        cwd: dir,
        io,
      });
      expect(lines.join('\n')).toMatch(/^exported \d+ segments/u);
      expect(code).toBe(0);
      expect(validate(readFileSync(path.join(dir, 'seeds.xliff'), 'utf8'))).toEqual({
        ok: true,
        messages: '- validates\n',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects broken documents, naming the element', () => {
    const xml = exportXliff(fixture(), { srcLang: 'zh-CN', trgLang: 'en' });
    const broken: [string, string, RegExp][] = [
      [
        'target before source',
        xml.replace(/(<source>[^<]*<\/source>)\n(\s*)(<target>[^<]*<\/target>)/u, '$3\n$2$1'),
        /target.*not expected/u,
      ],
      ['no srcLang', xml.replace(' srcLang="zh-CN"', ''), /srcLang.*required but missing/u],
      ['an unknown state', xml.replace('state="initial"', 'state="done"'), /state.*done/u],
      [
        'a unit without segment',
        xml.replace(/<segment state="initial">[\s\S]*?<\/segment>/u, ''),
        /unit.*Missing child element/u,
      ],
      ['a <cp> without a whole byte', xml.replace('<cp hex="0008"/>', '<cp hex="8"/>'), /hex.*hexBinary/u],
      ['an element of XLIFF 1.2', xml.replace('<notes>', '<trans-unit/><notes>'), /trans-unit.*not expected/u],
      ['text directly in a unit', xml.replace('<notes>', 'stray<notes>'), /unit.*Character content/u],
      ['a file without id', xml.replace(' id="a_1-1"', ''), /file.*id.*required but missing/u],
    ];
    for (const [what, document, message] of broken) {
      expect(document, what).not.toBe(xml);
      const result = validate(document);
      expect(result.ok, what).toBe(false);
      expect(result.messages, what).toMatch(message);
    }
  });
});
