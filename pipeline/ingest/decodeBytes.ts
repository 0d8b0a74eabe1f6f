// Bytes → text: BOM, UTF-8, UTF-16 (with or without a BOM), GB18030, Big5; refuses binary and undecodable bytes
// with the byte offset. Legacy encodings are told apart by which decoding reads as real Chinese text.
import { commonCharacters } from './commonCharacters.ts';
import { HKSCS_FROM_PRIVATE_USE } from './hkscsTable.ts';

export type DecodeResult =
  { ok: true; text: string; encoding: string } | { ok: false; reason: string; byteOffset: number; rule: string };

const HAN = /\p{Script=Han}/u;

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let need: number;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return i;
    for (let k = 1; k <= need; k += 1) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * Offset of the first byte that breaks Big5's structure (ASCII, or a lead byte 0x81–0xFE and a trail byte 0x40–0x7E
 * or 0xA1–0xFE), or -1. Node's decoder reads a stray 0x80 or 0xFF as a character instead of failing.
 */
export function firstInvalidBig5(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i += 1) {
    const b = bytes[i];
    if (b < 0x80) continue;
    const t = bytes[i + 1];
    if (b === 0x80 || b === 0xff || t === undefined || !((t >= 0x40 && t <= 0x7e) || (t >= 0xa1 && t <= 0xfe)))
      return i;
    i += 1;
  }
  return -1;
}

function tryDecode(label: string, bytes: Uint8Array): string | null {
  if (label === 'big5' && firstInvalidBig5(bytes) !== -1) return null;
  try {
    const text = new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
    return label === 'big5' ? withHkscs(text) : text;
  } catch {
    return null;
  }
}

const PRIVATE_USE = /[\ue000-\uf8ff]/gu;

/** Node's big5 decoder gives Big5-HKSCS characters (深水埗, 氹仔) as private-use code points: the real ones. */
function withHkscs(text: string): string {
  return text.replace(PRIVATE_USE, (ch) => HKSCS_FROM_PRIVATE_USE.get(ch.codePointAt(0)!) ?? ch);
}

/** Code-point offset of the first private-use character (a Big5 user-defined character with no standard meaning). */
export function firstPrivateUse(text: string): number {
  const at = text.search(/[\ue000-\uf8ff]/u);
  return at === -1 ? -1 : [...text.slice(0, at)].length;
}

/** Offset of the first byte `label` cannot decode, or -1: a binary search over prefixes (run only on failure). */
export function firstInvalidIn(label: string, bytes: Uint8Array): number {
  if (tryDecode(label, bytes) !== null) return -1;
  const structure = label === 'big5' ? firstInvalidBig5(bytes) : -1;
  if (structure !== -1) {
    const before = firstInvalidIn(label, bytes.subarray(0, structure));
    return before === -1 ? structure : before;
  }
  const decodes = (n: number, stream: boolean) => {
    try {
      new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, n), { stream });
      return true;
    } catch {
      return false;
    }
  };
  // The shortest prefix that fails even when a sequence may continue past its end (a file cut mid-sequence: none).
  let lo = 0;
  let hi = bytes.length + 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (mid <= bytes.length && decodes(mid, true)) lo = mid;
    else hi = mid;
  }
  // The bad sequence starts where the last complete character before it ends (at most three bytes back).
  for (let k = Math.min(hi - 1, bytes.length); k > Math.max(0, hi - 5); k -= 1) if (decodes(k, false)) return k;
  return Math.max(0, hi - 5);
}

const PUNCTUATION = /[\x20-\x7e\n\r\t\u3000-\u303f\uff00-\uffef\u2010-\u2027\u00b7]/u;

/**
 * How much a decoding reads as real text: the share of characters that are ASCII, Chinese punctuation or among the
 * commonest Chinese characters. Real pages score about 0.85; bytes decoded in the wrong encoding (GB18030 read as
 * Big5, Big5 as GB18030, either as UTF-16) are mostly rare characters and score well under 0.5.
 */
export function plausibility(text: string): number {
  const common = commonCharacters();
  let good = 0;
  let total = 0;
  // A sample is enough to tell: every 8th character of a long page.
  const step = text.length > 200_000 ? 8 : 1;
  for (let i = 0; i < text.length; i += step) {
    let ch = text[i];
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) ch = text.slice(i, i + 2);
    else if (c >= 0xdc00 && c <= 0xdfff) continue;
    total += 1;
    if (PUNCTUATION.test(ch) || common.has(ch)) good += 1;
  }
  return total === 0 ? 0 : good / total;
}

/** A decoding good enough to build from. */
const PLAUSIBLE = 0.6;

/** C0 controls other than tab, LF and CR, DEL, and C1 controls: stray in pasted text, common in binary files. */
export function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f);
}

/** Binary, not text: a run of NUL bytes, or control bytes in more than a tenth of the file. Returns the offset. */
export function binaryEvidence(bytes: Uint8Array): { byteOffset: number; reason: string } | null {
  const run = bytes.findIndex((b, i) => b === 0 && bytes[i + 1] === 0);
  if (run !== -1) return { byteOffset: run, reason: 'binary file: a run of NUL bytes, which no text contains' };
  let controls = 0;
  let first = -1;
  for (let i = 0; i < bytes.length; i += 1) {
    const b = bytes[i];
    // Bytes under 0x20 never occur inside a multi-byte character of UTF-8, GB18030 or Big5: each is a control.
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) {
      controls += 1;
      if (first === -1) first = i;
    }
  }
  if (controls > 0.1 * Math.max(bytes.length, 64))
    return {
      byteOffset: first,
      reason: `binary file: ${controls} control bytes in ${bytes.length} (stray control characters in text are few)`,
    };
  return null;
}

/** UTF-16 without a byte-order mark, when it reads as text: ASCII with a NUL beside each byte, or Han in range. */
function utf16WithoutBom(bytes: Uint8Array): { text: string; encoding: string; score: number } | null {
  if (bytes.length % 2 !== 0) return null;
  let best: { text: string; encoding: string; score: number } | null = null;
  for (const label of ['utf-16le', 'utf-16be']) {
    const text = tryDecode(label, bytes);
    if (text === null) continue;
    const score = plausibility(text);
    if (score >= PLAUSIBLE && (!best || score > best.score)) best = { text, encoding: label, score };
  }
  return best;
}

export function decodeBytes(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0)
    return { ok: false, reason: 'empty file: there is no text to build', byteOffset: 0, rule: 'empty-input' };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = tryDecode('utf-8', bytes.subarray(3));
    if (text !== null) return { ok: true, text, encoding: 'utf-8-bom' };
    const at = firstInvalidUtf8(bytes.subarray(3));
    return {
      ok: false,
      reason: `invalid UTF-8 after a UTF-8 byte-order mark`,
      byteOffset: 3 + Math.max(at, 0),
      rule: 'undecodable-bytes',
    };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const label = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    const text = tryDecode(label, bytes.subarray(2));
    if (text !== null) return { ok: true, text, encoding: label };
    return {
      ok: false,
      reason: `invalid ${label.toUpperCase()} after its byte-order mark`,
      byteOffset: 2 + Math.max(0, firstInvalidIn(label, bytes.subarray(2))),
      rule: 'undecodable-bytes',
    };
  }
  // NUL bytes: UTF-16 written without a byte-order mark (ASCII characters carry a NUL byte each), or binary.
  if (bytes.includes(0)) {
    const utf16 = utf16WithoutBom(bytes);
    if (utf16) return { ok: true, text: utf16.text, encoding: utf16.encoding };
  }
  const binary = binaryEvidence(bytes);
  if (binary) return { ok: false, reason: binary.reason, byteOffset: binary.byteOffset, rule: 'binary-input' };
  const utf8 = tryDecode('utf-8', bytes);
  if (utf8 !== null) return { ok: true, text: utf8, encoding: 'utf-8' };
  // Legacy Chinese encodings overlap (most GB18030 byte pairs are also Big5 pairs and the reverse): the decoding
  // that reads as common characters wins, simplified from GB18030 or traditional from Big5.
  const candidates: { text: string; encoding: string; score: number }[] = [];
  for (const label of ['gb18030', 'big5']) {
    const text = tryDecode(label, bytes);
    if (text !== null) candidates.push({ text, encoding: label, score: plausibility(text) });
  }
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) candidates.push(utf16);
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0];
  if (best && best.score >= PLAUSIBLE && hasHan(best.text))
    return { ok: true, text: best.text, encoding: best.encoding };
  // The byte where the decoding that reads furthest stops: the place a person should look.
  const stops = [firstInvalidUtf8(bytes), firstInvalidIn('gb18030', bytes), firstInvalidIn('big5', bytes)];
  const furthest = Math.max(...stops);
  return {
    ok: false,
    reason:
      'bytes that decode as none of UTF-8, GB18030, Big5 or UTF-16 without a byte-order mark ' +
      '(or decode only as rare characters, not text): the file is not built',
    byteOffset: furthest >= 0 ? furthest : Math.max(0, stops.find((s) => s >= 0) ?? 0),
    rule: 'undecodable-bytes',
  };
}

function hasHan(text: string): boolean {
  return HAN.test(text);
}

/** CRLF and lone CR become LF; not an edit (the contract records it on the source). */
export function normaliseLineEnds(text: string): { text: string; lineEnds: 'lf' | 'crlf' | 'cr' | 'mixed' } {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const cr = (text.match(/\r(?!\n)/g) ?? []).length;
  const lf = (text.match(/(?<!\r)\n/g) ?? []).length;
  const kinds = [crlf > 0, cr > 0, lf > 0].filter(Boolean).length;
  const lineEnds = kinds > 1 ? 'mixed' : crlf > 0 ? 'crlf' : cr > 0 ? 'cr' : 'lf';
  return { text: text.replace(/\r\n?/g, '\n'), lineEnds };
}

/** A U+FFFD replacement character: the text was already damaged by a decoder before it reached us. */
export function firstReplacementCharacter(text: string): number {
  const at = text.indexOf('\ufffd');
  return at === -1 ? -1 : [...text.slice(0, at)].length;
}

/** Code-point offsets of control characters in decoded text (a high share of them means binary). */
export function controlCharacterShare(text: string): { count: number; first: number; share: number } {
  let count = 0;
  let first = -1;
  let i = 0;
  for (const ch of text) {
    if (isControl(ch.codePointAt(0)!)) {
      count += 1;
      if (first === -1) first = i;
    }
    i += 1;
  }
  return { count, first, share: count / Math.max(i, 64) };
}
