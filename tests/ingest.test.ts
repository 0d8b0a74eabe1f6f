// ingest: bytes → text. Encodings are detected or refused with the byte offset; script is detected and converted.
import { describe, expect, it } from 'vitest';
import { decodeBytes, firstInvalidIn, firstInvalidUtf8, plausibility } from '../pipeline/ingest/decodeBytes.ts';
import { detectScript } from '../pipeline/ingest/detectScript.ts';
import { ingest } from '../pipeline/ingest/index.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const sample = '市委召开新闻发布会，解读全会精神。\n';
// Bytes written by Python's codecs: '全會審議通過決議。'.encode('big5'), '区委召开全会，审议通过决定。'.encode('gb18030').
const big5 = Buffer.from('a5feb77cbc66c4b3b371b94ca84dc4b3a143', 'hex');
const gb18030 = Buffer.from('c7f8ceafd5d9bfaac8abbbe1a3acc9f3d2e9cda8b9fdbef6b6a8a1a3', 'hex');
const readsAs = (label: string, bytes: Uint8Array) => new TextDecoder(label, { fatal: true }).decode(bytes);

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

  it('refuses empty files, NUL runs, control-heavy and undecodable bytes, naming the byte offset', () => {
    expect(decodeBytes(new Uint8Array())).toMatchObject({ ok: false, rule: 'empty-input', byteOffset: 0 });
    expect(decodeBytes(new Uint8Array([0x41, 0x42, 0x00, 0x00, 0x43]))).toMatchObject({
      ok: false,
      rule: 'binary-input',
      byteOffset: 2,
    });
    const controlHeavy = new Uint8Array(200).map((_, i) => (i % 5 === 0 ? 0x01 : 0x41));
    expect(decodeBytes(controlHeavy)).toMatchObject({ ok: false, rule: 'binary-input', byteOffset: 0 });
    const bad = new Uint8Array([...utf8('正文'), 0xff, 0xff, 0xff, ...utf8('文字')]);
    expect(decodeBytes(bad)).toMatchObject({ ok: false, rule: 'undecodable-bytes', byteOffset: 6 });
    expect(firstInvalidUtf8(bad)).toBe(6);
    expect(firstInvalidUtf8(utf8('完全正确'))).toBe(-1);
  });

  it('reads UTF-16 without a byte-order mark: ASCII with NUL bytes beside, or Han only', () => {
    const mixed = '2024年市委召开全会，审议通过决议。\n';
    expect(decodeBytes(Buffer.from(mixed, 'utf16le'))).toEqual({ ok: true, text: mixed, encoding: 'utf-16le' });
    expect(decodeBytes(Buffer.from(mixed, 'utf16le').swap16())).toEqual({
      ok: true,
      text: mixed,
      encoding: 'utf-16be',
    });
    // No NUL byte at all: only the decoding that reads as Chinese tells it is UTF-16.
    const hanOnly = '市委召集全会审议通过决议全会强调要坚持稳中求进';
    expect(Buffer.from(hanOnly, 'utf16le').includes(0)).toBe(false);
    expect(decodeBytes(Buffer.from(hanOnly, 'utf16le'))).toEqual({ ok: true, text: hanOnly, encoding: 'utf-16le' });
  });

  it('reads Big5 and GB18030, each of whose bytes also decode in the other, by which decoding reads as text', () => {
    expect(() => readsAs('gb18030', big5)).not.toThrow(); // valid GB18030 too, as rare characters
    expect(() => readsAs('big5', gb18030)).not.toThrow();
    expect(decodeBytes(big5)).toEqual({ ok: true, text: '全會審議通過決議。', encoding: 'big5' });
    expect(decodeBytes(gb18030)).toEqual({ ok: true, text: '区委召开全会，审议通过决定。', encoding: 'gb18030' });
    expect(plausibility(readsAs('gb18030', big5))).toBeLessThan(0.5);
    expect(plausibility(readsAs('big5', gb18030))).toBeLessThan(0.5);
  });

  it('reads Big5-HKSCS characters as themselves, not as private-use code points', () => {
    // '深水埗區議會開會。'.encode('big5hkscs'): 埗 is an HKSCS character.
    const hkscs = Buffer.from('b260a4f496f5b0cfc4b3b77cb67db77ca143', 'hex');
    expect(decodeBytes(hkscs)).toEqual({ ok: true, text: '深水埗區議會開會。', encoding: 'big5' });
  });

  it('refuses bytes that are neither Big5 nor GB18030 text, at the byte where the best reading stops, no U+FFFD', () => {
    const broken = Buffer.concat([big5, Buffer.from([0xff, 0xff]), big5]);
    const result = decodeBytes(broken);
    expect(result).toMatchObject({ ok: false, rule: 'undecodable-bytes', byteOffset: big5.length });
    expect(firstInvalidIn('big5', broken)).toBe(big5.length);
    expect(firstInvalidIn('big5', big5)).toBe(-1);
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

  it('records Big5 and UTF-16 on the source and converts traditional script with OpenCC', () => {
    const { value, messages } = ingest({ file: 'hk.txt', bytes: big5 });
    expect(value).toMatchObject({ encoding: 'big5', script: 'traditional', originalText: '全會審議通過決議。' });
    expect(value!.text).toBe('全会审议通过决议。');
    expect(messages.some((m) => m.ruleId === 'encoding' && /big5/u.test(m.reason))).toBe(true);
    const le = ingest({ file: 'w.txt', bytes: Buffer.from('市委召开全会。\r\n', 'utf16le') });
    expect(value && le.value).toMatchObject({ encoding: 'utf-16le', text: '市委召开全会。\n' });
  });

  it('accepts stray control characters (clean removes them) and refuses text that is mostly controls', () => {
    const pasted = ingest({ file: 'p.txt', bytes: utf8('\u001b[31m全会强调\u001b[0m，要坚持稳中求进。\u0007\n') });
    expect(pasted.value!.text).toContain('\u001b[31m');
    expect(pasted.messages.filter((m) => m.fatal)).toEqual([]);
    const binary = ingest({ file: 'b.bin', bytes: utf8('\u0001\u0002\u0003'.repeat(30) + '全会') });
    expect(binary.value).toBeNull();
    expect(binary.messages[0]).toMatchObject({ ruleId: 'binary-input', fatal: true, file: 'b.bin' });
  });

  it('warns about a line over 20,000 characters, naming the file and line, and keeps it', () => {
    const line = '全会强调，要坚持稳中求进工作总基调。'.repeat(1200);
    const { value, messages } = ingest({ file: 'long.txt', bytes: utf8(`标题\n\n${line}\n`) });
    expect(value!.text).toBe(`标题\n\n${line}\n`);
    const warning = messages.find((m) => m.ruleId === 'long-line');
    expect(warning).toMatchObject({ file: 'long.txt', fatal: false, line: 3, column: 1 });
    expect(warning!.reason).toMatch(/^line 3 is 21600 characters long/u);
  });
});
