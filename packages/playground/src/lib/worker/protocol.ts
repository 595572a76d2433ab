import type { DepositContext, Limits, LocalizedText, Report } from '@chorus-precheck/core';

/** A check asked of the worker: the files as the user gave them, never modified. */
export interface CheckRequest {
  id: number;
  type: 'check';
  files: File[];
  context: DepositContext;
  lang: 'fr' | 'en';
  limits: Limits;
  /** Every XML schema finding an error. */
  strict: boolean;
}

/** Asks the worker to load and compile the rules ahead of the first check. */
export interface WarmRequest {
  type: 'warm';
}

/** What the worker sends back while reading and once done. */
export type WorkerMessage =
  | { id: number; type: 'progress'; phase: 'reading' | 'checking'; loaded: number; total: number }
  | {
      id: number;
      type: 'result';
      report: Report;
      /** The titles of the rules that exclude a flow, by rule id: the flows table gives reasons in words. */
      titles: Record<string, LocalizedText>;
      timings: { readMs: number; checkMs: number };
    }
  | { id: number; type: 'error'; message: string };
