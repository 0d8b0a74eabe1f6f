// Bytes → text: BOM, UTF-8, UTF-16, GB18030; refuses binary and undecodable bytes with the byte offset.
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

function tryDecode(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Share of characters that are Han, ASCII printable or common punctuation: real GB text scores high. */
function plausibility(text: string): number {
  if (text.length === 0) return 0;
  let good = 0;
  let total = 0;
  for (const ch of text) {
    total += 1;
    if (HAN.test(ch) || /[\x20-\x7e\n\r\t\u3000-\u303f\uff00-\uffef\u2018-\u201d\u2026\u2014]/u.test(ch)) good += 1;
  }
  return good / total;
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
      byteOffset: 2,
      rule: 'undecodable-bytes',
    };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return {
      ok: false,
      reason: 'binary file: a NUL byte, which no text encoding of these sources contains',
      byteOffset: nul,
      rule: 'binary-input',
    };
  }
  const utf8 = tryDecode('utf-8', bytes);
  if (utf8 !== null) return { ok: true, text: utf8, encoding: 'utf-8' };
  const invalidAt = firstInvalidUtf8(bytes);
  const gb = tryDecode('gb18030', bytes);
  if (gb !== null && plausibility(gb) > 0.97) return { ok: true, text: gb, encoding: 'gb18030' };
  return {
    ok: false,
    reason:
      'bytes that decode as neither UTF-8 nor GB18030 (nor as UTF-16 without a byte-order mark): the file is not built',
    byteOffset: Math.max(invalidAt, 0),
    rule: 'undecodable-bytes',
  };
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

/** Control characters other than tab and newline mark a binary or corrupted file. */
export function firstControlCharacter(text: string): number {
  let i = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a) || c === 0x7f || c === 0xfffd) return i;
    i += 1;
  }
  return -1;
}
