// Stage ingest: bytes → IngestedSource (encoding, line ends, script), or an error naming the byte offset.
import { createHash } from 'node:crypto';
import type { VFileMessage } from 'vfile-message';
import { diagnostic } from '../domain/diagnostics.ts';
import type { IngestedSource, SourceMeta, StageResult } from '../domain/types.ts';
import {
  controlCharacterShare,
  decodeBytes,
  firstPrivateUse,
  firstReplacementCharacter,
  normaliseLineEnds,
} from './decodeBytes.ts';
import { convertToSimplified, detectScript } from './detectScript.ts';

export interface IngestInput {
  file: string;
  bytes: Uint8Array;
  meta?: SourceMeta;
}

/** Lines longer than this get a warning (a page pasted without line breaks); they are still cleaned, in windows. */
export const LONG_LINE = 20_000;

function longLineWarnings(file: string, text: string): VFileMessage[] {
  const out: VFileMessage[] = [];
  let line = 1;
  let lineStart = 0; // in code points, as diagnostics count
  let cp = 0;
  for (let i = 0; i <= text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (i === text.length || c === 0x0a) {
      const length = cp - lineStart;
      if (length > LONG_LINE)
        out.push(
          diagnostic({
            file,
            rule: 'long-line',
            severity: 'warning',
            reason: `line ${line} is ${length} characters long (over ${LONG_LINE}): a page pasted without line breaks? It is cleaned in windows, nothing is dropped`,
            text,
            start: lineStart,
          }),
        );
      line += 1;
      lineStart = cp + 1;
    }
    if (c < 0xdc00 || c > 0xdfff) cp += 1; // a low surrogate belongs to the code point before it
  }
  return out;
}

export function ingest(input: IngestInput): StageResult<IngestedSource | null> {
  const messages: VFileMessage[] = [];
  const { file, bytes } = input;
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) {
    messages.push(
      diagnostic({
        file,
        rule: decoded.rule,
        reason: decoded.reason,
        severity: 'error',
        byteOffset: decoded.byteOffset,
      }),
    );
    return { value: null, messages };
  }
  const { text: lf, lineEnds } = normaliseLineEnds(decoded.text);
  const damaged = firstReplacementCharacter(lf);
  if (damaged !== -1) {
    messages.push(
      diagnostic({
        file,
        rule: 'binary-input',
        reason: 'replacement character U+FFFD in text: an earlier decoding already lost the bytes here',
        severity: 'error',
        text: lf,
        start: damaged,
      }),
    );
    return { value: null, messages };
  }
  // Stray control characters (a BEL, an ANSI colour code) are removed by clean with an edit; many mean binary.
  const controls = controlCharacterShare(lf);
  if (controls.share > 0.1) {
    messages.push(
      diagnostic({
        file,
        rule: 'binary-input',
        reason: `${controls.count} control characters: binary or corrupted input, not text`,
        severity: 'error',
        text: lf,
        start: controls.first,
      }),
    );
    return { value: null, messages };
  }
  messages.push(...longLineWarnings(file, lf));
  const privateUse = decoded.encoding === 'big5' ? firstPrivateUse(lf) : -1;
  if (privateUse !== -1)
    messages.push(
      diagnostic({
        file,
        rule: 'private-use-character',
        severity: 'warning',
        reason:
          'a Big5 user-defined character (private use, no standard meaning) is kept as it is: check the original page',
        text: lf,
        start: privateUse,
      }),
    );
  if (lf.trim() === '') {
    messages.push(
      diagnostic({
        file,
        rule: 'empty-input',
        reason: 'file holds only white space: there is no text to build',
        severity: 'error',
        text: lf,
        start: 0,
      }),
    );
    return { value: null, messages };
  }
  const detected = detectScript(lf);
  const text = detected.script === 'traditional' || detected.script === 'mixed' ? convertToSimplified(lf) : lf;
  if (detected.script !== 'simplified') {
    messages.push(
      diagnostic({
        file,
        rule: 'script',
        severity: 'info',
        reason: `script detected as ${detected.script} (${detected.traditionalOnly} traditional-only, ${detected.simplifiedOnly} simplified-only of ${detected.han} Han characters)${text !== lf ? '; converted to simplified with OpenCC, original kept' : ''}`,
      }),
    );
  }
  if (decoded.encoding !== 'utf-8' || lineEnds !== 'lf') {
    messages.push(
      diagnostic({
        file,
        rule: 'encoding',
        severity: 'info',
        reason: `decoded as ${decoded.encoding}, line ends ${lineEnds} normalised to LF`,
      }),
    );
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return {
    value: {
      file,
      sha256,
      encoding: decoded.encoding,
      script: detected.script,
      originalText: lf,
      text,
      meta: input.meta ?? {},
    },
    messages,
  };
}
