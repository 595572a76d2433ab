import { randomInt } from 'node:crypto';

/** A rejection reason on one invoice (demande de paiement), as `consulterCRDetaille` lists them. */
export interface ErreurDP {
  identifiantFournisseur?: string;
  identifiantDestinataire?: string;
  numeroDP?: string;
  libelleErreurDP: string;
}

/** A reason the flow itself could not be processed (unreadable file, no invoice in it). */
export interface ErreurTechnique {
  codeErreur: string;
  libelleErreur: string;
  natureErreur: string;
}

/** The state of a deposited flow once processed. */
export type EtatFlux = 'IN_INTEGRE' | 'IN_INTEGRE_PARTIEL' | 'IN_REJETE';

/** What is kept of one deposit: only what the two report endpoints answer with. */
export interface DepositRecord {
  numeroFluxDepot: string;
  nomFichier: string;
  syntaxeFlux: string;
  /** ISO date and time of the deposit. */
  dateDepot: string;
  /** The interface code of the flow the syntaxe names, when it names one. */
  codeInterface: string | null;
  etat: EtatFlux;
  erreursDP: ErreurDP[];
  erreursTechniques: ErreurTechnique[];
}

/**
 * Deposits in memory, bounded in number and in time: the oldest one goes when the store is
 * full, and a deposit is forgotten `ttlMs` after it was made. A Map keeps insertion order, so
 * the oldest (and first to expire) entries are always at its head.
 */
export class DepositStore {
  private readonly entries = new Map<string, { record: DepositRecord; expiresAt: number }>();

  constructor(
    /** The most deposits kept. */
    readonly max: number,
    /** How long a deposit is kept, in ms. */
    readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new deposit number: `CPP` and 22 digits, the shape Chorus Pro's numbers have. */
  static newNumber(): string {
    return `CPP${String(randomInt(1e11)).padStart(11, '0')}${String(randomInt(1e11)).padStart(11, '0')}`;
  }

  /** Keeps a deposit, dropping expired ones and, when full, the oldest. */
  add(record: DepositRecord): void {
    this.sweep();
    while (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
    this.entries.set(record.numeroFluxDepot, { record, expiresAt: this.now() + this.ttlMs });
  }

  /** The deposit with this number, or null when unknown or expired. */
  get(numeroFluxDepot: string): DepositRecord | null {
    const entry = this.entries.get(numeroFluxDepot);
    if (!entry) return null;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(numeroFluxDepot);
      return null;
    }
    return entry.record;
  }

  /** The number of deposits kept (expired ones not yet swept included). */
  get size(): number {
    return this.entries.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now) break;
      this.entries.delete(key);
    }
  }
}
