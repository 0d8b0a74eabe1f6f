// Segments: every translatable text, identified by a hash of its cleaned Chinese so equal texts share a translation.
import { createHash } from 'node:crypto';
import type { Segment } from './types.ts';

export function segmentId(zh: string): string {
  return createHash('sha256').update(zh.normalize('NFC')).digest('hex').slice(0, 16);
}

export function makeSegment(zh: string): Segment {
  return { id: segmentId(zh), zh, en: null, enStatus: 'pending' };
}
