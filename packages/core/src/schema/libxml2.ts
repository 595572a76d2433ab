/**
 * The XML Schema engine: libxml2 compiled to WebAssembly (libxml2-wasm), behind our own plain
 * types. The only module that imports libxml2-wasm; it is loaded (and the WebAssembly module
 * compiled) on the first document that needs a schema. Documents are parsed without network,
 * without loading external DTDs or entities (XML_PARSE_NONET | XML_PARSE_NO_XXE) and entities
 * are never substituted; the schema files are served from memory, never from a `schemaLocation`
 * of the document.
 */
import { ParseOption, XmlDocument, XmlLibError, XsdValidator, xmlRegisterInputProvider } from 'libxml2-wasm';

/** One problem libxml2 reported, as it reported it. */
export interface EngineError {
  /** libxml2's message, one line. */
  message: string;
  /** 1-based line, 0 when libxml2 gives none. */
  line: number;
  /** True when the document could not even be parsed (not well-formed for libxml2). */
  parse: boolean;
}

/** A compiled schema: validates documents, many times. */
export interface CompiledSchema {
  /** Validates the bytes of one XML document; an empty list means valid. */
  validate(bytes: Uint8Array, url: string): EngineError[];
}

// xmllint's own defaults include BIG_LINES (line numbers past 65535 are kept).
const PARSE_OPTIONS = ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE | ParseOption.XML_PARSE_BIG_LINES;
/** The URL scheme of the in-memory schema files: the input provider answers only for it. */
const SCHEME = 'chorus-precheck-xsd:/';

/** The schema files, by URL, and the files libxml2 has open. */
const files = new Map<string, Uint8Array>();
const open = new Map<number, { bytes: Uint8Array; pos: number }>();
let nextFd = 1;
let registered = false;

function register(): void {
  if (registered) return;
  registered = true;
  xmlRegisterInputProvider({
    match: (name) => name.startsWith(SCHEME),
    open: (name) => {
      const bytes = files.get(name);
      if (bytes === undefined) return undefined;
      const fd = nextFd++;
      open.set(fd, { bytes, pos: 0 });
      return fd;
    },
    read: (fd, buf) => {
      const f = open.get(fd as number);
      if (f === undefined) return -1;
      const n = Math.min(buf.byteLength, f.bytes.length - f.pos);
      buf.set(f.bytes.subarray(f.pos, f.pos + n));
      f.pos += n;
      return n;
    },
    close: (fd) => open.delete(fd as number),
  });
}

function detailsOf(e: unknown): Array<{ message: string; line: number; level: number }> {
  if (e instanceof XmlLibError) return e.details.map((d) => ({ message: d.message, line: d.line, level: d.level }));
  return [{ message: e instanceof Error ? e.message : String(e), line: 0, level: 2 }];
}

/**
 * Compiles a schema from its files (path relative to the set's folder → text) and its entry
 * path. Throws when the schema itself cannot be compiled (a packaging bug, not bad input).
 */
export function compileSchema(set: string, sources: Readonly<Record<string, string>>, entry: string): CompiledSchema {
  register();
  const encoder = new TextEncoder();
  for (const [path, text] of Object.entries(sources)) {
    const url = `${SCHEME}${set}/${path}`;
    if (!files.has(url)) files.set(url, encoder.encode(text));
  }
  const entryUrl = `${SCHEME}${set}/${entry}`;
  const xsd = XmlDocument.fromBuffer(files.get(entryUrl) ?? new Uint8Array(0), { url: entryUrl, option: PARSE_OPTIONS });
  let validator: XsdValidator;
  try {
    validator = XsdValidator.fromDoc(xsd);
  } finally {
    xsd.dispose();
  }
  return {
    validate(bytes, url) {
      let doc: XmlDocument;
      try {
        doc = XmlDocument.fromBuffer(bytes, { url, option: PARSE_OPTIONS });
      } catch (e) {
        return detailsOf(e)
          .filter((d) => d.level >= 2)
          .map((d) => ({ message: oneLine(d.message), line: d.line, parse: true }));
      }
      try {
        validator.validate(doc);
        return [];
      } catch (e) {
        return detailsOf(e)
          .filter((d) => d.level >= 2)
          .map((d) => ({ message: oneLine(d.message), line: d.line, parse: false }));
      } finally {
        doc.dispose();
      }
    },
  };
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
