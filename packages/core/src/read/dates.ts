import type { LocalizedText } from '../diagnostics/diagnostic.js';

/** A date as read: the calendar day (ISO `YYYY-MM-DD`), or why none could be read. */
export type ReadDate = { iso: string; problem: null } | { iso: null; problem: LocalizedText };

/**
 * UNTDID 2379 date/time formats a `udt:DateTimeString@format` may name, with the pattern of
 * its text. Those that name a calendar day are read; a month (610) or a week (616) names none.
 */
const UNTDID_2379: Record<string, { pattern: RegExp; label: string; day: boolean }> = {
  '102': { pattern: /^(\d{4})(\d{2})(\d{2})$/, label: 'CCYYMMDD', day: true },
  '203': { pattern: /^(\d{4})(\d{2})(\d{2})\d{4}$/, label: 'CCYYMMDDHHMM', day: true },
  '204': { pattern: /^(\d{4})(\d{2})(\d{2})\d{6}$/, label: 'CCYYMMDDHHMMSS', day: true },
  '205': { pattern: /^(\d{4})(\d{2})(\d{2})\d{4}[+-]\d{4}$/, label: 'CCYYMMDDHHMMZHHMM', day: true },
  '610': { pattern: /^\d{6}$/, label: 'CCYYMM', day: false },
  '616': { pattern: /^\d{6}$/, label: 'CCYYWW', day: false },
};

/** XML Schema `xsd:date` (UBL dates): `YYYY-MM-DD` with an optional zone. */
const XSD_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?$/;

function calendarDay(y: string, m: string, d: string): string | null {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return null;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
  return day > days ? null : `${y}-${m}-${d}`;
}

function unreadable(raw: string, expected: string): ReadDate {
  return {
    iso: null,
    problem: {
      fr: `« ${raw} » ne peut pas être lu comme une date (attendu : ${expected})`,
      en: `'${raw}' could not be read as a date (expected ${expected})`,
    },
  };
}

/**
 * Reads a CII / ZUGFeRD `udt:DateTimeString` (UN/CEFACT): the `format` attribute names a
 * UNTDID 2379 code; without it, CCYYMMDD (format 102, as in AIFE's official samples) is read,
 * and ISO `YYYY-MM-DD` is tolerated.
 */
export function readCefactDate(text: string, format: string | null): ReadDate {
  const raw = text.trim();
  const code = format?.trim() ?? '';
  if (code === '') {
    const m = UNTDID_2379['102']!.pattern.exec(raw) ?? XSD_DATE.exec(raw);
    const iso = m ? calendarDay(m[1]!, m[2]!, m[3]!) : null;
    return iso !== null ? { iso, problem: null } : unreadable(raw, 'CCYYMMDD');
  }
  const spec = UNTDID_2379[code];
  if (spec === undefined) {
    return {
      iso: null,
      problem: {
        fr: `le format de date ${code} n’est pas un format UNTDID 2379 lu ici (102, 203, 204, 205)`,
        en: `date format ${code} is not a UNTDID 2379 format read here (102, 203, 204, 205)`,
      },
    };
  }
  const m = spec.pattern.exec(raw);
  if (m === null) return unreadable(raw, `${spec.label}, format ${code}`);
  if (!spec.day) {
    return {
      iso: null,
      problem: {
        fr: `« ${raw} » (format ${code}, ${spec.label}) ne désigne pas un jour`,
        en: `'${raw}' (format ${code}, ${spec.label}) does not name a day`,
      },
    };
  }
  const iso = calendarDay(m[1]!, m[2]!, m[3]!);
  return iso !== null ? { iso, problem: null } : unreadable(raw, `${spec.label}, format ${code}`);
}

/** Reads a UBL date (`xsd:date`: `YYYY-MM-DD`, optionally with a zone, which never moves the day). */
export function readXsdDate(text: string): ReadDate {
  const raw = text.trim();
  const m = XSD_DATE.exec(raw);
  const iso = m ? calendarDay(m[1]!, m[2]!, m[3]!) : null;
  return iso !== null ? { iso, problem: null } : unreadable(raw, 'YYYY-MM-DD');
}
