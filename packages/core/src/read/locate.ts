import { SaxesParser } from 'saxes';
import { CANONICAL_PREFIX } from './syntaxes.js';
import { detectXmlEncoding, makeDecoder } from './encoding.js';

/** Where one element's start tag sits, and its canonical XPath. */
export interface ElementSpot {
  /** Namespace URI ('' for none). */
  uri: string;
  local: string;
  /** 1-based line and column of the `<` of its start tag. */
  line: number;
  column: number;
  /** The line its start tag ends on (namespace declarations may span lines). */
  endLine: number;
  /** Canonical-prefix XPath with positions, as every diagnostic writes it (`/ubl:Invoice[1]/cbc:ID[1]`). */
  xpath: string;
}

/** Thrown from the handlers to stop parsing once every line asked for is passed. */
const DONE = new Error('done');

/**
 * Finds the elements whose start tag touches one of the given lines: their column and XPath,
 * for findings that an engine located by line only (libxml2's schema errors). A second pass
 * over a document already read, made only for invalid documents. Never throws: a document
 * saxes cannot parse gives the elements found before the problem.
 */
export function locateElements(bytes: Uint8Array, lines: ReadonlySet<number>): ElementSpot[] {
  const out: ElementSpot[] = [];
  const enc = detectXmlEncoding(bytes);
  const decoder = makeDecoder(enc.label);
  if (decoder === null) return out;
  let text: string;
  try {
    text = decoder.decode(bytes.subarray(enc.bomLength));
  } catch {
    return out;
  }
  const parser = new SaxesParser({ xmlns: true, position: true });
  // Per open element: how many children of each expanded name it has seen.
  const counts: Array<Map<string, number>> = [new Map()];
  const paths: string[] = [''];
  let startLine = 1;
  let startColumn = 1;
  // Past the last line asked for, nothing more is needed.
  const lastLine = Math.max(0, ...lines);
  parser.on('opentagstart', (tag) => {
    // saxes reports the position past the character that ended the name: step back to '<'
    // (as the reader does; a name ended by a line break is put on the line before).
    const col = parser.column - tag.name.length - 1;
    startLine = col >= 1 ? parser.line : parser.line - 1;
    startColumn = col >= 1 ? col : 1;
  });
  parser.on('opentag', (tag) => {
    const uri = tag.uri ?? '';
    const local = tag.local ?? tag.name;
    const key = `{${uri}}${local}`;
    const siblings = counts[counts.length - 1] as Map<string, number>;
    const pos = (siblings.get(key) ?? 0) + 1;
    siblings.set(key, pos);
    const prefix = CANONICAL_PREFIX.get(uri) ?? tag.prefix ?? '';
    const xpath = `${paths[paths.length - 1] as string}/${prefix === '' ? '' : `${prefix}:`}${local}[${pos}]`;
    const endLine = parser.line;
    if (startLine > lastLine) throw DONE;
    for (let l = startLine; l <= endLine; l++) {
      if (lines.has(l)) {
        out.push({ uri, local, line: startLine, column: startColumn, endLine, xpath });
        break;
      }
    }
    if (tag.isSelfClosing) return;
    counts.push(new Map());
    paths.push(xpath);
  });
  parser.on('closetag', (tag) => {
    if (tag.isSelfClosing) return;
    counts.pop();
    paths.pop();
  });
  parser.on('error', () => {
    throw new Error('stop');
  });
  try {
    parser.write(text).close();
  } catch {
    // The elements found so far are kept.
  }
  return out;
}
