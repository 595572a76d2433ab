/** The deposit channel: web upload, PISTE API call, or EDI file transfer. */
export type Channel = 'PORTAIL' | 'API' | 'EDI';

/** The portal space the file is uploaded in. */
export type PortalSpace = 'factures' | 'factures-de-travaux';

/**
 * What the user says about the deposit they are about to make. Every field is optional:
 * without a syntaxe or interface code the report lists the applicable flows but gives no verdict.
 */
export interface DepositContext {
  channel?: Channel;
  /** The "Syntaxe" value (PORTAIL and API), e.g. `IN_DP_E1_UBL_INVOICE`. */
  syntaxe?: string;
  /** The interface code of the flow (EDI), e.g. `FSO1130A`. */
  interfaceCode?: string;
  /** The EDI file name, from which the interface code is read. */
  ediFileName?: string;
  space?: PortalSpace;
  /** Chorus Pro release to check against, e.g. `3.8.1`. Default: the latest encoded. */
  release?: string;
  /** ISO date `YYYY-MM-DD` of the deposit. Default: today. */
  depositDate?: string;
}
