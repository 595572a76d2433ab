/**
 * XPath frames of the XML reader: one frame per open element, pooled by depth, counting its
 * children's names for XPath positions and building the XPath of an element only when a
 * location needs it.
 */
import type { Location } from '../diagnostics/diagnostic.js';
import { CANONICAL_PREFIX, type TrieNode } from './syntaxes.js';
import { clip, XPATH_CHARS } from './clip.js';
import type { NsScope } from './xml-scope.js';

/**
 * One open element. Frames are pooled by depth: no allocation per element in the hot path
 * (commit adcff3f recorded no figure; an A/B run at the split was within this machine's ±5 % noise).
 */
export interface Frame {
  name: string;
  uri: string;
  /** Index of the colon in `name`, -1 when unprefixed. */
  colon: number;
  pos: number;
  /** Names of the children seen so far and how many of each (arrays reused: no Map per element). */
  kidNames: string[];
  kidCounts: number[];
  kidLen: number;
  /** `kidNames` by name, built once a parent has more than KID_SCAN_MAX of them. */
  kidIndex: Map<string, number> | null;
  trie: TrieNode | null;
  line: number;
  column: number;
  /** The in-scope namespace bindings before this element declared its own (restored on close). */
  outerScope: NsScope | null;
  /** This element's XPath once built: facts under one parent share their ancestors' steps. */
  xpath: string | null;
}

/** Distinct child names searched one by one before a parent's are indexed by a map. */
const KID_SCAN_MAX = 32;

/** The pooled frame for an element opening at `depth`, its children forgotten. */
export function frameAt(frames: Frame[], depth: number): Frame {
  let frame = frames[depth];
  if (frame === undefined) {
    frame = {
      name: '',
      uri: '',
      colon: -1,
      pos: 1,
      kidNames: [],
      kidCounts: [],
      kidLen: 0,
      kidIndex: null,
      trie: null,
      line: 0,
      column: 0,
      outerScope: null,
      xpath: null,
    };
    frames[depth] = frame;
  } else {
    frame.kidLen = 0;
    frame.kidIndex = null;
    frame.xpath = null;
  }
  return frame;
}

/** Counts a child named `name` under `parent`; returns its XPath position among same-named siblings. */
export function childPosition(parent: Frame, name: string): number {
  // Linear search: parents have few distinct child names; scanning from the last one makes runs
  // of siblings (line items) cheap (reused arrays, not a Map per parent: commit adcff3f).
  const names = parent.kidNames;
  let k = parent.kidLen - 1;
  // Past a few dozen distinct names, a map: a parent of n distinct children stays linear (commit 7c5c2ea).
  if (k >= KID_SCAN_MAX) {
    parent.kidIndex ??= new Map(names.slice(0, parent.kidLen).map((n, i) => [n, i]));
    k = parent.kidIndex.get(name) ?? -1;
  } else while (k >= 0 && names[k] !== name) k--;
  let pos: number;
  if (k >= 0) {
    pos = (parent.kidCounts[k] as number) + 1;
    parent.kidCounts[k] = pos;
  } else {
    pos = 1;
    names[parent.kidLen] = name;
    parent.kidCounts[parent.kidLen] = 1;
    parent.kidIndex?.set(name, parent.kidLen);
    parent.kidLen++;
  }
  return pos;
}

/** The location of the element open at `depth` (0 = root) in `file`, XPath built from the frame pool. */
export function elementLocation(frames: Frame[], depth: number, file: string, businessTerm: string | undefined): Location {
  const xpath = xpathOf(frames, depth);
  const frame = frames[depth] as Frame;
  // A path of long names is cut in what is reported, not in the frames (see clip.ts).
  const loc: Location = { file, xpath: clip(xpath, XPATH_CHARS), line: frame.line };
  if (frame.column > 0) loc.column = frame.column;
  if (businessTerm !== undefined) loc.businessTerm = businessTerm;
  return loc;
}

/**
 * The XPath of the element open at `depth`. Its steps are built once per open element and
 * shared by the facts under it (commit 8b21ab7: ours ÷ raw saxes 0.752/0.735/0.741 →
 * 0.743/0.756/0.762, three runs).
 */
function xpathOf(frames: Frame[], depth: number): string {
  // From the deepest ancestor whose XPath is known (it stays valid while the element is open).
  let i = depth;
  while (i >= 0 && (frames[i] as Frame).xpath === null) i--;
  let xpath = i < 0 ? '' : ((frames[i] as Frame).xpath as string);
  for (i++; i <= depth; i++) {
    const f = frames[i] as Frame;
    const prefix = CANONICAL_PREFIX.get(f.uri) ?? (f.colon < 0 ? '' : f.name.slice(0, f.colon));
    xpath += `/${prefix === '' ? '' : `${prefix}:`}${f.colon < 0 ? f.name : f.name.slice(f.colon + 1)}[${f.pos}]`;
    f.xpath = xpath;
  }
  return xpath;
}
