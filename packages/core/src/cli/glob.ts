/** True when an argument holds glob syntax (`*`, `?`, `[…]`, `{a,b}`). */
export function isGlob(pattern: string): boolean {
  return /[*?[\]{}]/.test(pattern);
}

/**
 * Splits a glob into the directory to walk (its leading segments without glob syntax) and the
 * rest, matched against paths relative to that directory.
 */
export function splitGlob(pattern: string): { base: string; rest: string } {
  const segments = pattern.replace(/\\/g, '/').split('/');
  const firstMagic = segments.findIndex(isGlob);
  const base = segments.slice(0, firstMagic).join('/');
  return { base: base === '' ? (pattern.startsWith('/') ? '/' : '.') : base, rest: segments.slice(firstMagic).join('/') };
}

/** A compiled glob: `test` tells whether a `/`-separated relative path matches it. */
export interface GlobMatcher {
  test(path: string): boolean;
}

/** Alternatives a `{a,b}` expansion may produce: past this, braces are read literally. */
const MAX_ALTERNATIVES = 256;

/**
 * Compiles a glob over `/`-separated relative paths: `**` as a whole segment crosses
 * directories (zero or more segments), `*` and `?` do not, `[…]` is a character class and
 * `{a,b}` an alternation.
 *
 * Matched segment by segment, not by a regular expression: a backtracking engine takes time
 * exponential in the number of globstars (eleven of them took 83 s on one path). Here a path of
 * S segments against a pattern of P costs at most P × S segment comparisons, each at most
 * the product of the two segments' lengths.
 */
export function globToRegExp(glob: string): GlobMatcher {
  const patterns = expandBraces(glob).map((alt) => alt.split('/').map(segmentOf));
  return { test: (path: string) => patterns.some((p) => matchSegments(p, path.split('/'))) };
}

/** One pattern segment: the globstar, or a list of tokens. */
type Segment = 'globstar' | SegToken[];
type SegToken = { k: 'star' } | { k: 'any' } | { k: 'lit'; c: string } | { k: 'class'; negate: boolean; body: string };

function segmentOf(text: string): Segment {
  if (text === '**') return 'globstar';
  const out: SegToken[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '*') {
      // `**` inside a segment (`a**b`) matches as `*`; runs of stars are one.
      if (out[out.length - 1]?.k !== 'star') out.push({ k: 'star' });
    } else if (c === '?') out.push({ k: 'any' });
    else if (c === '[') {
      const end = text.indexOf(']', i + 2);
      if (end === -1) out.push({ k: 'lit', c });
      else {
        let body = text.slice(i + 1, end);
        const negate = body.startsWith('!') || body.startsWith('^');
        if (negate) body = body.slice(1);
        out.push({ k: 'class', negate, body });
        i = end;
      }
    } else out.push({ k: 'lit', c });
  }
  return out;
}

function inClass(t: { negate: boolean; body: string }, ch: string): boolean {
  let found = false;
  for (let i = 0; i < t.body.length; i++) {
    const lo = t.body[i]!;
    if (t.body[i + 1] === '-' && i + 2 < t.body.length) {
      const hi = t.body[i + 2]!;
      if (ch >= lo && ch <= hi) found = true;
      i += 2;
    } else if (ch === lo) found = true;
  }
  return found !== t.negate;
}

function tokenMatches(t: SegToken, ch: string): boolean {
  if (t.k === 'any') return true;
  if (t.k === 'lit') return t.c === ch;
  if (t.k === 'class') return inClass(t, ch);
  return false;
}

/** Wildcard match of one segment: the last star is retried, never earlier ones (O(n·m)). */
function matchSegment(tokens: SegToken[], name: string): boolean {
  let t = 0;
  let n = 0;
  let starT = -1;
  let starN = 0;
  while (n < name.length) {
    const tok = tokens[t];
    if (tok !== undefined && tok.k === 'star') {
      starT = t++;
      starN = n;
    } else if (tok !== undefined && tokenMatches(tok, name[n]!)) {
      t++;
      n++;
    } else if (starT >= 0) {
      t = starT + 1;
      n = ++starN;
    } else return false;
  }
  while (tokens[t]?.k === 'star') t++;
  return t === tokens.length;
}

/** Whether the path segments match the pattern segments (`globstar`: zero or more segments). */
function matchSegments(pattern: Segment[], path: string[]): boolean {
  // reach[j]: the first i pattern segments can match the first j path segments.
  let reach = new Array<boolean>(path.length + 1).fill(false);
  reach[0] = true;
  for (const seg of pattern) {
    const next = new Array<boolean>(path.length + 1).fill(false);
    if (seg === 'globstar') {
      let any = false;
      for (let j = 0; j <= path.length; j++) {
        any ||= reach[j]!;
        next[j] = any;
      }
    } else {
      for (let j = 0; j < path.length; j++) if (reach[j] && matchSegment(seg, path[j]!)) next[j + 1] = true;
    }
    reach = next;
  }
  return reach[path.length]!;
}

/** Expands `{a,b}` alternations (nested ones too), up to MAX_ALTERNATIVES results. */
function expandBraces(glob: string): string[] {
  const open = glob.indexOf('{');
  if (open < 0) return [glob];
  let depth = 0;
  const commas: number[] = [];
  let close = -1;
  for (let i = open; i < glob.length; i++) {
    const c = glob[i];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      close = i;
      break;
    } else if (c === ',' && depth === 1) commas.push(i);
  }
  if (close < 0) return [glob];
  const head = glob.slice(0, open);
  const bounds = [open, ...commas, close];
  const rests = expandBraces(glob.slice(close + 1));
  const out: string[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    for (const middle of expandBraces(glob.slice(bounds[k]! + 1, bounds[k + 1]!))) {
      for (const rest of rests) {
        out.push(head + middle + rest);
        if (out.length > MAX_ALTERNATIVES) return [glob.replace(/[{}]/g, '')];
      }
    }
  }
  return out;
}
