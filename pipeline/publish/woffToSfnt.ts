// WOFF 1.0 (W3C, 2012) back to the TrueType/OpenType file it wraps: the PDF writer embeds sfnt fonts only, and
// fontsource ships its Latin slices as WOFF. Each table is zlib-compressed on its own; nothing else changes.
import { inflateSync } from 'node:zlib';

export function woffToSfnt(woff: Uint8Array): Uint8Array {
  const view = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  if (woff.byteLength < 44 || view.getUint32(0) !== 0x774f4646) throw new Error('not a WOFF 1.0 font');
  const flavor = view.getUint32(4);
  const count = view.getUint16(12);
  const tables: { tag: number; checksum: number; data: Uint8Array }[] = [];
  for (let i = 0; i < count; i += 1) {
    const at = 44 + i * 20;
    const [tag, offset, compressed, original, checksum] = [0, 4, 8, 12, 16].map((k) => view.getUint32(at + k));
    const stored = woff.subarray(offset, offset + compressed);
    const data = compressed < original ? new Uint8Array(inflateSync(stored)) : stored;
    if (data.byteLength !== original)
      throw new Error(`WOFF table ${i}: ${data.byteLength} bytes, ${original} expected`);
    tables.push({ tag, checksum, data });
  }
  const power = 2 ** Math.floor(Math.log2(Math.max(1, count)));
  const padded = (n: number) => (n + 3) & ~3;
  const size = 12 + 16 * count + tables.reduce((sum, t) => sum + padded(t.data.byteLength), 0);
  const out = new Uint8Array(size);
  const sfnt = new DataView(out.buffer);
  sfnt.setUint32(0, flavor);
  sfnt.setUint16(4, count);
  sfnt.setUint16(6, power * 16);
  sfnt.setUint16(8, Math.log2(power));
  sfnt.setUint16(10, count * 16 - power * 16);
  let offset = 12 + 16 * count;
  tables.forEach((table, i) => {
    const at = 12 + i * 16;
    sfnt.setUint32(at, table.tag);
    sfnt.setUint32(at + 4, table.checksum);
    sfnt.setUint32(at + 8, offset);
    sfnt.setUint32(at + 12, table.data.byteLength);
    out.set(table.data, offset);
    offset += padded(table.data.byteLength);
  });
  return out;
}
