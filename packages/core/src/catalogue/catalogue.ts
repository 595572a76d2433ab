import type { LocalizedText } from '../diagnostics/diagnostic.js';
import { CATALOGUE_FILES } from '../generated/rules-data.js';
import { activeAt } from './releases.js';
import { editDistance, nearest } from './nearest.js';
import type { Cadre, CatalogueData, CatalogueOverlay, Flow, SyntaxeEntry, SyntaxeStatus } from './types.js';

/** Error thrown on misuse of the catalogue API (unknown release, malformed overlay). */
export class CatalogueError extends Error {
  /** The stable error code. */
  readonly code: 'UNKNOWN_RELEASE' | 'BAD_OVERLAY';
  /** The message in French and in English (`message` is the English one). */
  readonly messages: LocalizedText;
  constructor(code: 'UNKNOWN_RELEASE' | 'BAD_OVERLAY', message: string | LocalizedText) {
    const messages = typeof message === 'string' ? { fr: message, en: message } : message;
    super(messages.en);
    this.name = 'CatalogueError';
    this.code = code;
    this.messages = messages;
  }
}

interface RawFiles {
  flows: any;
  syntaxes: any;
  cadres: any;
  releases: any;
}

/** Builds the catalogue data from the parsed catalogue files (validated by the loader). */
export function catalogueFromFiles(files: readonly { file: string; json: unknown }[]): CatalogueData {
  const byName = Object.fromEntries(files.map((f) => [f.file.replace(/^.*\//, '').replace(/\.json$/, ''), f.json])) as unknown as RawFiles;
  return {
    flows: byName.flows.flows,
    syntaxes: byName.syntaxes.values,
    b2bDefect: byName.syntaxes.b2bDefect,
    cadres: byName.cadres.cadres,
    defaultCadre: byName.cadres.default,
    reformCodePattern: byName.cadres.reformCodes.pattern,
    typeCodes: byName.cadres.typeCodes,
    releases: byName.releases.releases,
    latest: byName.releases.latest,
  };
}

function mergeBy<T, K extends keyof T>(base: T[], patch: Array<Partial<T>> | undefined, key: K): T[] {
  if (!patch) return base;
  const out = base.map((x) => ({ ...x }));
  for (const p of patch) {
    const i = out.findIndex((x) => x[key] === p[key]);
    if (i >= 0) out[i] = { ...out[i], ...p } as T;
    else out.push(p as T);
  }
  return out;
}

/** Applies a catalogue overlay: merges entries by key and renames overlaid flow syntaxe values. */
export function applyOverlay(data: CatalogueData, overlay: CatalogueOverlay | null | undefined): CatalogueData {
  if (!overlay) return data;
  if (typeof overlay !== 'object')
    throw new CatalogueError('BAD_OVERLAY', { fr: 'La surcharge du catalogue doit être un objet.', en: 'The catalogue overlay must be an object.' });
  let syntaxes = data.syntaxes.map((s) => ({ ...s }));
  const flows = data.flows.map((f) => ({ ...f }));
  for (const p of overlay.flows ?? []) {
    if (!p || typeof p.code !== 'string')
      throw new CatalogueError('BAD_OVERLAY', { fr: 'Chaque flux de la surcharge doit avoir un « code ».', en: 'Each overlay flow needs a "code".' });
    const i = flows.findIndex((f) => f.code === p.code);
    // What the user states is provenance `user`: stated, not inferred, and not AIFE's either.
    if (i < 0) {
      flows.push({ provisional: [], channelsProvenance: 'user', ...p, provenance: { code: 'user', syntaxe: 'user' } } as Flow);
      continue;
    }
    const before = flows[i]!;
    const after: Flow = { ...before, ...p, provenance: { code: before.provenance.code, syntaxe: p.syntaxe ? 'user' : before.provenance.syntaxe } };
    if (p.channels) after.channelsProvenance = 'user';
    if (p.syntaxe && p.syntaxe !== before.syntaxe) {
      // The user states the real value: the inferred one is no longer offered, and the
      // flow's syntaxe stops being provisional unless the overlay says otherwise.
      syntaxes = syntaxes.map((s) =>
        s.value === before.syntaxe && s.flow === before.code
          ? { ...s, value: p.syntaxe!, provenance: 'user', provisional: false, note: 'Set by the catalogue overlay.' }
          : s,
      );
      if (!p.provisional) after.provisional = before.provisional.filter((x) => x !== 'syntaxe');
    }
    flows[i] = after;
  }
  const stated = <T extends object>(entries: T[] | undefined, mark: (e: T) => Partial<T>): T[] | undefined => entries?.map((e) => ({ ...e, ...mark(e) }));
  syntaxes = mergeBy(
    syntaxes,
    stated(overlay.syntaxes as Array<Partial<SyntaxeEntry>> | undefined, (e) => ({ provenance: 'user', provisional: e.provisional ?? false })),
    'value',
  );
  const cadres = mergeBy(
    data.cadres,
    stated(overlay.cadres as Array<Partial<Cadre>> | undefined, (e) => ('works' in e ? { worksProvenance: 'user', provisional: e.provisional ?? false } : {})),
    'code',
  );
  return { ...data, flows, syntaxes, cadres };
}

/** The result of looking a syntaxe value up in the catalogue. */
export interface SyntaxeLookup {
  status: SyntaxeStatus | 'unknown';
  /** The flow it names (real values and aliases). */
  flow: Flow | null;
  /** The nearest real value of this release, for anything else than a real value. */
  suggestion: string | null;
  /** True when the suggestion is itself a provisional (inferred) value of the catalogue. */
  suggestionProvisional: boolean;
  /**
   * True when the evidence says the value is wrong, not merely unknown: a known wrong value
   * that circulates in third-party code, or a near miss of a confirmed value (at most
   * {@link NEAR_MISS_DISTANCE} edits, separators and case aside) outside the works-flow types
   * whose values are unconfirmed. False for real values, aliases and the B2B defect.
   */
  nearMiss: boolean;
  entry: SyntaxeEntry | null;
}

/**
 * The largest edit distance at which an unknown syntaxe value counts as a typo of a confirmed
 * one. The confirmed values of one release are at least 4 edits apart (e.g. `IN_DP_E1_CII` and
 * `IN_DP_E1_CII_16B`), so 2 edits never lands between two of them.
 */
export const NEAR_MISS_DISTANCE = 2;

/** Normalises a syntaxe value for comparison: upper case, any run of separators as one underscore. */
function normaliseSyntaxe(value: string): string {
  return value
    .trim()
    .toUpperCase()
    .replace(/[\s.\-_]+/g, '_');
}

/**
 * The catalogue at one release: flows, syntaxe values and cadres in force, with lookups.
 * Built once per (release, overlay) and reused across runs.
 */
export class Catalogue {
  /** The catalogue data (after overlay), all releases. */
  readonly data: CatalogueData;
  /** The release this view is at. */
  readonly release: string;
  /** The flows in force at the release, in catalogue order. */
  readonly flows: readonly Flow[];
  /** The real syntaxe values in force at the release. */
  readonly realSyntaxes: readonly string[];
  /** The real syntaxe values in force at the release that are confirmed (not provisional). */
  readonly confirmedSyntaxes: readonly string[];
  /** The interface codes of the flows in force whose syntaxe value is inferred, hence unconfirmed. */
  readonly unconfirmedSyntaxeFlows: readonly string[];
  private readonly flowByCode: Map<string, Flow>;
  private readonly syntaxeByValue: Map<string, SyntaxeEntry>;
  private readonly cadreByCode: Map<string, Cadre>;
  /** Flow types (E4, E5) some of whose syntaxe values are unconfirmed at this release. */
  private readonly unconfirmedTypes: Set<string>;

  constructor(data: CatalogueData, release: string) {
    if (!data.releases.some((r) => r.id === release)) {
      const known = data.releases.map((r) => r.id).join(', ');
      throw new CatalogueError('UNKNOWN_RELEASE', {
        fr: `Version de Chorus Pro inconnue « ${release} » ; versions connues : ${known}.`,
        en: `Unknown Chorus Pro release "${release}"; known: ${known}.`,
      });
    }
    this.data = data;
    this.release = release;
    this.flows = data.flows.filter((f) => activeAt(f, release));
    this.flowByCode = new Map(this.flows.map((f) => [f.code, f]));
    const syntaxes = data.syntaxes.filter((s) => activeAt(s, release));
    this.syntaxeByValue = new Map(syntaxes.map((s) => [s.value, s]));
    const real = syntaxes.filter((s) => s.status === 'real' && (!s.flow || this.flowByCode.has(s.flow)));
    this.realSyntaxes = real.map((s) => s.value);
    this.unconfirmedSyntaxeFlows = this.flows.filter((f) => f.provisional.includes('syntaxe')).map((f) => f.code);
    const unconfirmed = new Set(this.unconfirmedSyntaxeFlows);
    this.confirmedSyntaxes = real.filter((s) => !s.provisional && !(s.flow && unconfirmed.has(s.flow))).map((s) => s.value);
    this.unconfirmedTypes = new Set(this.flows.filter((f) => unconfirmed.has(f.code)).map((f) => f.type));
    this.cadreByCode = new Map(data.cadres.map((c) => [c.code, c]));
  }

  /** Reads a flow by interface code, or null when it is not in force at this release. */
  flow(code: string): Flow | null {
    return this.flowByCode.get(code.trim().toUpperCase()) ?? null;
  }

  /** Reads a cadre by code, or null when it is not a Chorus Pro cadre. */
  cadre(code: string): Cadre | null {
    return this.cadreByCode.get(code) ?? null;
  }

  /** The cadre codes. */
  cadreCodes(): string[] {
    return [...this.cadreByCode.keys()];
  }

  /** Looks a syntaxe value up: real, alias, B2B defect, known wrong or unknown, with a suggestion and whether it is a near miss. */
  lookupSyntaxe(raw: string): SyntaxeLookup {
    const value = raw.trim();
    const entry = this.syntaxeByValue.get(value) ?? this.syntaxeByValue.get(value.toUpperCase()) ?? null;
    const b2bActive = activeAt({ since: this.data.b2bDefect.since, until: this.data.b2bDefect.until }, this.release);
    if (entry && (entry.status === 'real' || entry.status === 'alias')) {
      const flow = entry.flow ? this.flow(entry.flow) : null;
      if (flow) {
        const suggestion = entry.status === 'alias' ? flow.syntaxe : null;
        return { status: entry.status, flow, suggestion, suggestionProvisional: this.isProvisional(suggestion), nearMiss: false, entry };
      }
    }
    const suggestion =
      (entry?.nearest && this.realSyntaxes.includes(entry.nearest) ? entry.nearest : null) ??
      nearest(b2bActive ? value.replace(/_?B2B_?/gi, '_').replace(/_+$/, '') : value, this.realSyntaxes);
    const suggestionProvisional = this.isProvisional(suggestion);
    if (entry?.status === 'b2b-defect' || (b2bActive && value.toUpperCase().includes(this.data.b2bDefect.marker))) {
      return { status: 'b2b-defect', flow: null, suggestion, suggestionProvisional, nearMiss: false, entry };
    }
    if (entry?.status === 'known-wrong') return { status: 'known-wrong', flow: null, suggestion, suggestionProvisional, nearMiss: true, entry };
    return { status: 'unknown', flow: null, suggestion, suggestionProvisional, nearMiss: this.isNearMiss(value), entry: null };
  }

  /**
   * Tells whether an unknown value is a near miss of a confirmed value. A value naming a flow
   * type whose values are unconfirmed at this release (`IN_DP_E4_…`, `IN_DP_E5_…` in 3.8.1) is
   * never one: the real values of those flows are not published, so it may be one of them.
   */
  private isNearMiss(value: string): boolean {
    const v = normaliseSyntaxe(value);
    const type = /^IN_DP_(E[0-9]+)_/.exec(v)?.[1];
    if (type && this.unconfirmedTypes.has(type)) return false;
    return this.confirmedSyntaxes.some((c) => editDistance(v, normaliseSyntaxe(c)) <= NEAR_MISS_DISTANCE);
  }

  private isProvisional(value: string | null): boolean {
    if (value === null) return false;
    const entry = this.syntaxeByValue.get(value);
    return !!entry && (entry.provisional || (!!entry.flow && this.unconfirmedSyntaxeFlows.includes(entry.flow)));
  }

  /** Looks an interface code up, with the nearest code of this release when unknown. */
  lookupInterfaceCode(raw: string): { flow: Flow | null; suggestion: string | null } {
    const flow = this.flow(raw);
    return {
      flow,
      suggestion: flow
        ? null
        : nearest(
            raw.trim().toUpperCase(),
            this.flows.map((f) => f.code),
          ),
    };
  }
}

let bundled: CatalogueData | null = null;

/** Reads the catalogue shipped with the package (bundled data, no file system needed). */
export function bundledCatalogueData(): CatalogueData {
  bundled ??= catalogueFromFiles(CATALOGUE_FILES);
  return bundled;
}

/** Options of {@link getCatalogue}. */
export interface CatalogueOptions {
  release?: string;
  overlay?: CatalogueOverlay | null;
}

/** Reads the shipped catalogue at a release (default: latest), with an optional overlay. */
export function getCatalogue(options: CatalogueOptions = {}): Catalogue {
  const data = applyOverlay(bundledCatalogueData(), options.overlay);
  return new Catalogue(data, options.release ?? data.latest);
}
