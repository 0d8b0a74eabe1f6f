// ingest: bytes → text. Encodings are detected or refused with the byte offset; script is detected and converted.
import { describe, expect, it } from 'vitest';
import { decodeBytes, firstInvalidUtf8 } from '../pipeline/ingest/decodeBytes.ts';
import { detectScript } from '../pipeline/ingest/detectScript.ts';
import { ingest } from '../pipeline/ingest/index.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const sample = '市委召开新闻发布会，解读全会精神。\n';

describe('decodeBytes', () => {
  it('reads UTF-8, with and without a byte-order mark', () => {
    expect(decodeBytes(utf8(sample))).toEqual({ ok: true, text: sample, encoding: 'utf-8' });
    expect(decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(sample)]))).toEqual({
      ok: true,
      text: sample,
      encoding: 'utf-8-bom',
    });
  });

  it('reads UTF-16 little and big endian after their byte-order marks', () => {
    const le = Buffer.from(`\ufeff${sample}`, 'utf16le');
    expect(decodeBytes(le)).toMatchObject({ ok: true, text: sample, encoding: 'utf-16le' });
    const be = Buffer.from(le).swap16();
    expect(decodeBytes(be)).toMatchObject({ ok: true, text: sample, encoding: 'utf-16be' });
  });

  it('reads GB18030 (GBK) exports', () => {
    // "全会审议通过决议。" encoded in GB18030.
    const gb = Buffer.from('c8abbbe1c9f3d2e9cda8b9fdbef6d2e9a1a3', 'hex');
    expect(decodeBytes(gb)).toEqual({ ok: true, text: '全会审议通过决议。', encoding: 'gb18030' });
  });

  it('refuses empty files, NUL bytes and undecodable bytes, naming the byte offset', () => {
    expect(decodeBytes(new Uint8Array())).toMatchObject({ ok: false, rule: 'empty-input', byteOffset: 0 });
    expect(decodeBytes(new Uint8Array([0x41, 0x42, 0x00, 0x43]))).toMatchObject({
      ok: false,
      rule: 'binary-input',
      byteOffset: 2,
    });
    const bad = new Uint8Array([...utf8('正文'), 0xff, 0xff, 0xff, ...utf8('文字')]);
    expect(decodeBytes(bad)).toMatchObject({ ok: false, rule: 'undecodable-bytes', byteOffset: 6 });
    expect(firstInvalidUtf8(bad)).toBe(6);
    expect(firstInvalidUtf8(utf8('完全正确'))).toBe(-1);
  });
});

describe('ingest', () => {
  it('normalises CRLF and lone CR to LF, and records the encoding, not an edit', () => {
    const { value } = ingest({ file: 'a.txt', bytes: utf8('第一行\r\n第二行\r第三行\n') });
    expect(value!.text).toBe('第一行\n第二行\n第三行\n');
    expect(value!.encoding).toBe('utf-8');
    expect(value!.sha256).toMatch(/^[0-9a-f]{64}$/u);
  });

  it('reports a whitespace-only file as empty, with the file name', () => {
    const result = ingest({ file: 'blank.txt', bytes: utf8(' \n\u3000\n') });
    expect(result.value).toBeNull();
    expect(result.messages[0].file).toBe('blank.txt');
    expect(result.messages[0].ruleId).toBe('empty-input');
    expect(result.messages[0].fatal).toBe(true);
  });

  it('detects traditional script, converts it at phrase level and keeps the original', () => {
    const traditional = '市委召開新聞發佈會，解讀全會精神，推動高質量發展，裡面說明了資訊。';
    const { value, messages } = ingest({ file: 't.txt', bytes: utf8(traditional) });
    expect(value!.script).toBe('traditional');
    expect(value!.originalText).toBe(traditional);
    expect(value!.text).toBe('市委召开新闻发布会，解读全会精神，推动高质量发展，里面说明了资讯。');
    expect(messages.some((m) => m.ruleId === 'script')).toBe(true);
  });

  it('leaves simplified text alone', () => {
    expect(detectScript('天津切实把党的二十大作出的重大决策部署付诸行动').script).toBe('simplified');
    expect(ingest({ file: 's.txt', bytes: utf8(sample) }).value!.text).toBe(sample);
  });
});
