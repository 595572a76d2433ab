/**
 * A lenient reader of PDF syntax (ISO 32000-1 §7.2–7.3) for the stream measure and the raw
 * scan: tokens (names with `#xx` decoded, numbers, `R`, brackets; strings and comments
 * skipped), and the values they make (names, numbers, references, arrays, dictionaries).
 */

const enum C {
  LF = 0x0a,
  CR = 0x0d,
  SP = 0x20,
  SLASH = 0x2f,
  LT = 0x3c,
  GT = 0x3e,
  LB = 0x5b,
  RB = 0x5d,
  LP = 0x28,
  RP = 0x29,
  PCT = 0x25,
  BS = 0x5c,
  HASH = 0x23,
}

/** PDF white space (§7.2.2). */
export function isWhite(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
}
/** PDF delimiters (§7.2.2). */
export function isDelim(c: number | undefined): boolean {
  return c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2f || c === 0x25;
}
/** The value of a hexadecimal digit, -1 for another byte. */
export function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** Tokens kept between two object boundaries: a dictionary longer than this is refused. */
export const MAX_TOKENS = 1 << 18;

/** A token of a dictionary, as far as filters, parameters and lengths need. */
export type Token = { t: 'name'; v: string } | { t: 'num'; v: number } | { t: 'R' } | { t: '<<' } | { t: '>>' } | { t: '[' } | { t: ']' } | { t: 'other' };

/**
 * Tokenizes `b[from, to)` leniently (ISO 32000-1 §7.2–7.3): names with `#xx` decoded,
 * numbers, `R`, brackets; strings and comments skipped. One pass, linear.
 */
export function tokens(b: Uint8Array, from: number, to: number, onKeyword?: (word: string, start: number, end: number, out: Token[]) => number): Token[] {
  const out: Token[] = [];
  let i = from;
  while (i < to) {
    // Past the cap, only the count matters (see MAX_TOKENS): memory stays bounded.
    if (out.length > MAX_TOKENS + 1) out.length = MAX_TOKENS + 1;
    const c = b[i] as number;
    if (isWhite(c)) {
      i++;
      continue;
    }
    if (c === C.PCT) {
      while (i < to && b[i] !== C.LF && b[i] !== C.CR) i++;
      continue;
    }
    if (c === C.SLASH) {
      let name = '';
      i++;
      while (i < to && !isWhite(b[i]) && !isDelim(b[i])) {
        const d = b[i] as number;
        if (d === C.HASH && i + 2 < to && hexValue(b[i + 1] as number) >= 0 && hexValue(b[i + 2] as number) >= 0) {
          name += String.fromCharCode(hexValue(b[i + 1] as number) * 16 + hexValue(b[i + 2] as number));
          i += 3;
        } else {
          name += String.fromCharCode(d);
          i++;
        }
        if (name.length > 127) {
          while (i < to && !isWhite(b[i]) && !isDelim(b[i])) i++;
          break;
        }
      }
      out.push({ t: 'name', v: name });
      continue;
    }
    if (c === C.LT) {
      if (b[i + 1] === C.LT) {
        out.push({ t: '<<' });
        i += 2;
        continue;
      }
      while (i < to && b[i] !== C.GT) i++;
      i++;
      out.push({ t: 'other' });
      continue;
    }
    if (c === C.GT) {
      if (b[i + 1] === C.GT) {
        out.push({ t: '>>' });
        i += 2;
        continue;
      }
      i++;
      continue;
    }
    if (c === C.LB) {
      out.push({ t: '[' });
      i++;
      continue;
    }
    if (c === C.RB) {
      out.push({ t: ']' });
      i++;
      continue;
    }
    if (c === C.LP) {
      let depth = 0;
      for (; i < to; i++) {
        const d = b[i] as number;
        if (d === C.BS) {
          i++;
          continue;
        }
        if (d === C.LP) depth++;
        else if (d === C.RP && --depth === 0) {
          i++;
          break;
        }
      }
      out.push({ t: 'other' });
      continue;
    }
    const start = i;
    while (i < to && !isWhite(b[i]) && !isDelim(b[i])) i++;
    if (i === start) {
      i++;
      continue;
    }
    if (i - start === 1 && c === 0x52 /* R */) {
      out.push({ t: 'R' });
      continue;
    }
    if (onKeyword !== undefined && c >= 0x61 && c <= 0x7a && i - start <= 9) {
      let word = '';
      for (let k = start; k < i; k++) word += String.fromCharCode(b[k] as number);
      i = onKeyword(word, start, i, out);
      continue;
    }
    let n = 0;
    let digits = true;
    for (let k = start; k < i; k++) {
      const d = b[k] as number;
      if (d >= 0x30 && d <= 0x39) n = n * 10 + (d - 0x30);
      else {
        digits = false;
        break;
      }
    }
    out.push(digits && i - start <= 15 ? { t: 'num', v: n } : { t: 'other' });
  }
  return out;
}

/** A value read from the tokens: a name, a number, an indirect reference, an array, a dictionary. */
export type Value =
  | { k: 'name'; v: string }
  | { k: 'num'; v: number }
  | { k: 'ref'; v: number }
  | { k: 'array'; v: Value[] }
  | { k: 'dict'; v: Map<string, Value> }
  | { k: 'other' };

/** Reads one value at `tokens[i]`; returns it and the index after it. Depth-bounded. */
export function readValue(ts: Token[], i: number, depth = 0): [Value, number] {
  const t = ts[i];
  if (t === undefined) return [{ k: 'other' }, i + 1];
  if (t.t === 'name') return [{ k: 'name', v: t.v }, i + 1];
  if (t.t === 'num') {
    const g = ts[i + 1];
    if (g?.t === 'num' && ts[i + 2]?.t === 'R') return [{ k: 'ref', v: t.v }, i + 3];
    return [{ k: 'num', v: t.v }, i + 1];
  }
  if (t.t === '[' && depth < 16) {
    const items: Value[] = [];
    let j = i + 1;
    while (j < ts.length && ts[j]!.t !== ']') {
      const [v, next] = readValue(ts, j, depth + 1);
      items.push(v);
      j = next;
    }
    return [{ k: 'array', v: items }, j + 1];
  }
  if (t.t === '<<' && depth < 16) {
    const map = new Map<string, Value>();
    let j = i + 1;
    while (j < ts.length && ts[j]!.t !== '>>') {
      const key = ts[j]!;
      if (key.t !== 'name') {
        j++;
        continue;
      }
      const [v, next] = readValue(ts, j + 1, depth + 1);
      map.set(key.v, v);
      j = next;
    }
    return [{ k: 'dict', v: map }, j + 1];
  }
  return [{ k: 'other' }, i + 1];
}

/** The dictionary the tokens end with (the one before a `stream` keyword), or null. */
export function lastDictionary(ts: Token[]): Map<string, Value> | null {
  // The dictionary closes on the last token; find where it opens by walking back its nesting.
  let k = ts.length - 1;
  if (k < 0 || ts[k]!.t !== '>>') return null;
  let depth = 0;
  for (; k >= 0; k--) {
    const t = ts[k]!.t;
    if (t === '>>') depth++;
    else if (t === '<<' && --depth === 0) break;
  }
  if (k < 0) return null;
  const [v] = readValue(ts, k);
  return v.k === 'dict' ? v.v : null;
}

/** The dictionary of the object whose header starts at `start`, read up to `end`; null if none. */
export function objectDictionary(b: Uint8Array, start: number, end: number): Map<string, Value> | null {
  const ts = tokens(b, start, Math.min(end, b.length));
  const open = ts.findIndex((t) => t.t === '<<');
  if (open < 0) return null;
  const [v] = readValue(ts, open);
  return v.k === 'dict' ? v.v : null;
}

/** The name a dictionary gives a key (`#xx` decoded), or null. */
export function nameOf(v: Value | null | undefined): string | null {
  return v?.k === 'name' ? v.v : null;
}

/** The object number an indirect reference names, or null. */
export function refOf(v: Value | null | undefined): number | null {
  return v?.k === 'ref' ? v.v : null;
}

/** The number a value is, or null. */
export function numberOf(v: Value | null | undefined): number | null {
  return v?.k === 'num' ? v.v : null;
}
