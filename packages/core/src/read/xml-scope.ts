/**
 * Namespace scope of the XML reader (Namespaces in XML 1.0): the bindings in scope, the
 * declarations an element makes, and element-name resolution. Done here rather than by saxes:
 * its xmlns mode made the parse ~40 % slower (commit da4dfba), and the reader needs namespaces
 * only for element names and a few attributes.
 */

/** In-scope namespace bindings, prefix ('' for the default namespace) to URI. */
export type NsScope = ReadonlyMap<string, string>;
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const INITIAL_SCOPE: NsScope = new Map([
  ['xml', XML_NS],
  ['', ''],
]);

/** Up to this many prefixes are remembered per namespace scope (documents use a handful). */
const PREFIX_CACHE_MAX = 16;

/** The bindings in scope at the current element, and the prefixes already resolved in them. */
export class NamespaceScope {
  private scope: NsScope = INITIAL_SCOPE;
  /**
   * Prefixes already resolved in the current scope and their URIs. Element names are fresh
   * strings from saxes: matching them against these few prefixes costs a few character
   * comparisons, where a Map or object lookup would hash every name (with the other per-name
   * work of commit e361102: ours ÷ raw saxes 0.723/0.673/0.686 → 0.735/0.713/0.732).
   */
  private readonly prefixes: string[] = [];
  private readonly prefixUris: string[] = [];
  /** The default namespace's URI once resolved in the current scope. */
  private defaultUri: string | undefined = undefined;
  /** Where `resolve` found the colon of the name it resolved (-1: none). */
  colon = -1;
  /** The prefix `resolve` found undeclared when it returned null ('' for the default namespace). */
  unbound = '';

  /**
   * Applies an element's namespace declarations (Namespaces in XML 1.0 §3), copying the scope
   * only when one is made. Returns the scope before them (to restore when the element closes),
   * or null when the element declares none.
   */
  declare(attributes: Record<string, string>): NsScope | null {
    let outer: NsScope | null = null;
    for (const key in attributes) {
      if (key.charCodeAt(0) === 120 /* x */ && key.startsWith('xmlns') && (key.length === 5 || key.charCodeAt(5) === 58)) {
        if (outer === null) {
          outer = this.scope;
          // A Map: adding the prefix, a fresh string, to an object would intern it first (~0.7 µs
          // per declaration, commit 5c08ada).
          this.scope = new Map(outer);
          this.forgetPrefixes();
        }
        (this.scope as Map<string, string>).set(key.length === 5 ? '' : key.slice(6), attributes[key] as string);
      }
    }
    return outer;
  }

  /** Back to the scope outside an element that declared namespaces (from `declare`). */
  restore(outer: NsScope): void {
    this.scope = outer;
    this.forgetPrefixes();
  }

  /**
   * The namespace URI of an element name's prefix, its colon's index left in `colon`; null
   * when the prefix is undeclared (named in `unbound`). Prefixes already resolved are matched
   * first, which also finds the colon without searching the name for it.
   */
  resolve(name: string): string | null {
    const prefixes = this.prefixes;
    for (let k = 0; k < prefixes.length; k++) {
      const p = prefixes[k] as string;
      if (name.charCodeAt(p.length) === 58 /* : */ && name.startsWith(p)) {
        this.colon = p.length;
        return this.prefixUris[k] as string;
      }
    }
    const colon = name.indexOf(':');
    this.colon = colon;
    if (colon < 0) {
      this.defaultUri ??= this.scope.get('');
      if (this.defaultUri === undefined) return this.undeclared('');
      return this.defaultUri;
    }
    const prefix = name.slice(0, colon);
    const uri = this.scope.get(prefix);
    if (uri === undefined) return this.undeclared(prefix);
    if (prefixes.length < PREFIX_CACHE_MAX) {
      prefixes.push(prefix);
      this.prefixUris.push(uri);
    }
    return uri;
  }

  private undeclared(prefix: string): null {
    this.unbound = prefix;
    return null;
  }

  /** The scope changed: prefixes resolved before may now mean something else. */
  private forgetPrefixes(): void {
    this.prefixes.length = 0;
    this.prefixUris.length = 0;
    this.defaultUri = undefined;
  }
}
