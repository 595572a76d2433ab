import { precheck, type DepositContext, type DepositInput, type Report } from '@chorus-precheck/core/node';
import type { Settings } from './options.js';

/** A report, or `timedOut` when the check did not finish within the time limit. */
export type CheckResult = { report: Report; timedOut: false } | { report: null; timedOut: true };

/**
 * Runs the core's pre-check with the server's limits and overrides, bounded in time: the core
 * reader stops at the abort signal and reports `read/aborted`, which is turned into `timedOut`.
 */
export async function check(settings: Settings, inputs: DepositInput[], context: DepositContext, lang: 'fr' | 'en'): Promise<CheckResult> {
  const signal = AbortSignal.timeout(settings.checkTimeoutMs);
  const report = await precheck(inputs, context, {
    lang,
    limits: settings.limits,
    overrides: { catalogue: settings.overrides.catalogue, severity: settings.overrides.severity },
    signal,
  });
  const aborted = signal.aborted && report.documents.some((d) => d.diagnostics.some((x) => x.ruleId === 'read/aborted'));
  return aborted ? { report: null, timedOut: true } : { report, timedOut: false };
}

/** Today's date in France (Chorus Pro's time zone), as YYYY-MM-DD. */
export function parisDate(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
