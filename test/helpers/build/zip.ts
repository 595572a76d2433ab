/** Zip writer (PKWARE APPNOTE 4.3.7, 4.3.12, 4.3.16), able to lie about sizes and CRCs. */
import { deflateSync, strToU8 } from 'fflate';
import { concat } from './bytes.js';
import { crc32 } from './deflate.js';

/** One member of a hand-built zip. */
export interface ZipMember {
  name: string;
  /** The member's stored bytes (already deflated when `method` is 8). */
  data: Uint8Array;
  method: 0 | 8;
  crc: number;
  size: number;
  /** Central-directory entries pointing at this same local header (overlapping-file bomb). */
  aliases?: number;
  /** Modification time written as an MS-DOS date and time (local time); none (0) when absent. */
  mtime?: Date;
}

/** MS-DOS date (high 16 bits) and time (low 16 bits) of a local time, as fflate writes them. */
function dosDateTime(d: Date): number {
  const y = d.getFullYear() - 1980;
  if (y < 0 || y > 119) throw new Error(`zip dates run from 1980 to 2099: ${d.toISOString()}`);
  return ((y << 25) | ((d.getMonth() + 1) << 21) | (d.getDate() << 16) | (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1)) >>> 0;
}

/** Builds a zip from members whose sizes and CRCs are given, true or not. */
export function buildZip(members: ZipMember[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  let entries = 0;
  for (const m of members) {
    const name = strToU8(m.name);
    // General-purpose bit 11: the name is UTF-8 (APPNOTE 4.4.4).
    const flags = name.length === m.name.length ? 0 : 0x800;
    const time = m.mtime === undefined ? 0 : dosDateTime(m.mtime);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, flags, true);
    lv.setUint16(8, m.method, true);
    lv.setUint32(10, time, true);
    lv.setUint32(14, m.crc, true);
    lv.setUint32(18, m.data.length, true);
    lv.setUint32(22, m.size >>> 0, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const localOffset = offset;
    chunks.push(local, m.data);
    offset += local.length + m.data.length;
    const copies = 1 + (m.aliases ?? 0);
    for (let k = 0; k < copies; k++) {
      const cname = k === 0 ? name : strToU8(`${m.name}.${k}`);
      const cd = new Uint8Array(46 + cname.length);
      const cv = new DataView(cd.buffer);
      cv.setUint32(0, 0x02014b50, true);
      cv.setUint16(4, 20, true);
      cv.setUint16(6, 20, true);
      cv.setUint16(8, flags, true);
      cv.setUint16(10, m.method, true);
      cv.setUint32(12, time, true);
      cv.setUint32(16, m.crc, true);
      cv.setUint32(20, m.data.length, true);
      cv.setUint32(24, m.size >>> 0, true);
      cv.setUint16(28, cname.length, true);
      cv.setUint32(42, localOffset, true);
      cd.set(cname, 46);
      central.push(cd);
      entries++;
    }
  }
  const cdSize = central.reduce((s, c) => s + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, Math.min(entries, 0xffff), true);
  ev.setUint16(10, Math.min(entries, 0xffff), true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  return concat([...chunks, ...central, eocd]);
}

/** A true member: `data` deflated (level 6, as fflate's `zipSync` does) or stored (level 0). */
export function zipMember(name: string, data: Uint8Array, opts: { level?: 0 | 6 | 9; mtime?: Date } = {}): ZipMember {
  const level = opts.level ?? 6;
  return {
    name,
    data: level === 0 ? data : deflateSync(data, { level }),
    method: level === 0 ? 0 : 8,
    crc: crc32(data),
    size: data.length,
    ...(opts.mtime === undefined ? {} : { mtime: opts.mtime }),
  };
}

/** A true zip of `[name, bytes]` members, in order, duplicate names kept (fflate's object form cannot hold them). */
export function zipFiles(members: Array<[string, Uint8Array]>, opts: { level?: 0 | 6 | 9; mtime?: Date } = {}): Uint8Array {
  return buildZip(members.map(([name, data]) => zipMember(name, data, opts)));
}
