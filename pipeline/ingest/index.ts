// Stage ingest: bytes → IngestedSource (encoding, line ends, script), or an error naming the byte offset.
import { createHash } from 'node:crypto';
import type { VFileMessage } from 'vfile-message';
import { diagnostic } from '../domain/diagnostics.ts';
import type { IngestedSource, SourceMeta, StageResult } from '../domain/types.ts';
import { decodeBytes, firstControlCharacter, normaliseLineEnds } from './decodeBytes.ts';
import { convertToSimplified, detectScript } from './detectScript.ts';

export interface IngestInput {
  file: string;
  bytes: Uint8Array;
  meta?: SourceMeta;
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
  const control = firstControlCharacter(lf);
  if (control !== -1) {
    messages.push(
      diagnostic({
        file,
        rule: 'binary-input',
        reason: `control character U+${[...lf][control].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} in text: binary or corrupted input`,
        severity: 'error',
        text: lf,
        start: control,
      }),
    );
    return { value: null, messages };
  }
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
