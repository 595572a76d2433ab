/** Tar writer (POSIX ustar), names written verbatim, and pax extended headers. */
import { strToU8 } from 'fflate';
import { concat } from './bytes.js';

/** One member of a hand-built tar. */
export interface TarMember {
  name: string;
  data?: Uint8Array;
  /** `0` file, `2` symlink, `5` directory. */
  type?: '0' | '2' | '5';
  linkname?: string;
  /** The size written in the header, when it must differ from the data's. */
  declaredSize?: number;
  /** Modification time in seconds since the epoch (0 when absent). */
  mtime?: number;
  /** The type flag byte written as is (`x` for a pax extended header), over `type`. */
  rawType?: string;
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

/** Builds an uncompressed ustar archive, names written verbatim (even `../x`, `/etc/x`). */
export function buildTar(members: TarMember[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const m of members) {
    const data = m.data ?? new Uint8Array(0);
    const h = new Uint8Array(512);
    const put = (s: string, off: number, len: number) => h.set(strToU8(s).subarray(0, len), off);
    put(m.name, 0, 100);
    put(octal(0o644, 8), 100, 8);
    put(octal(0, 8), 108, 8);
    put(octal(0, 8), 116, 8);
    put(octal(m.declaredSize ?? data.length, 12), 124, 12);
    put(octal(m.mtime ?? 0, 12), 136, 12);
    put('        ', 148, 8);
    put(m.rawType ?? m.type ?? '0', 156, 1);
    put(m.linkname ?? '', 157, 100);
    put('ustar\0', 257, 6);
    put('00', 263, 2);
    let sum = 0;
    for (const b of h) sum += b;
    put(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
    parts.push(h, data);
    const pad = (512 - (data.length % 512)) % 512;
    if (pad) parts.push(new Uint8Array(pad));
  }
  parts.push(new Uint8Array(1024));
  return concat(parts);
}

/** The records of a pax extended header (POSIX.1-2001): `<length> <key>=<value>\n`, the length counting itself. */
export function paxRecord(key: string, value: string): Uint8Array {
  const record = (len: number) => `${len} ${key}=${value}\n`;
  let len = strToU8(record(0)).length;
  while (strToU8(record(len)).length !== len) len = strToU8(record(len)).length;
  return strToU8(record(len));
}

/** A ustar archive whose one member's name, too long for the header, is carried by a pax `path` record. */
export function tarWithPaxPath(path: string, data: Uint8Array, shortName = 'short.xml'): Uint8Array {
  return buildTar([
    { name: 'PaxHeader', data: paxRecord('path', path), rawType: 'x' },
    { name: shortName, data },
  ]);
}
