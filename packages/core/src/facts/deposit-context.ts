import { interfaceCodeFromFileName } from '../catalogue/edi.js';
import type { DepositContext } from '../context.js';

/** The shape of a Chorus Pro interface code (`FSO1130A`), once upper-cased. */
export const INTERFACE_CODE = /^[A-Z]{3}\d{4}[A-Z]$/;

/**
 * Reads one "interface" argument (the CLI's `--interface`, the server's `interface` field): an
 * interface code in any case, else an EDI file name.
 */
export function interfaceOrFileName(value: string): Pick<DepositContext, 'interfaceCode' | 'ediFileName'> {
  const trimmed = value.trim();
  const upper = trimmed.toUpperCase();
  return INTERFACE_CODE.test(upper) ? { interfaceCode: upper } : { ediFileName: trimmed };
}

/**
 * The deposit context as the checks read it, the one place it is cleaned: the syntaxe, interface
 * code and EDI file name trimmed, a blank one taken as absent (a blank syntaxe is no syntaxe), the
 * interface code upper-cased, else read from the EDI file name; in EDI without either, the
 * deposit file's own name is the EDI file name. The other fields are kept as given (checked by
 * `contextProblems`). Idempotent.
 */
export function normaliseContext(context: DepositContext, depositFileName?: string): DepositContext {
  const out: DepositContext = { ...context };
  delete out.syntaxe;
  delete out.interfaceCode;
  delete out.ediFileName;
  const syntaxe = context.syntaxe?.trim();
  if (syntaxe) out.syntaxe = syntaxe;
  const givenCode = context.interfaceCode?.trim().toUpperCase();
  const ediFileName = context.ediFileName?.trim() || (context.channel === 'EDI' && !givenCode && depositFileName ? depositFileName : undefined);
  const interfaceCode = givenCode || (ediFileName ? interfaceCodeFromFileName(ediFileName) : null);
  if (interfaceCode) out.interfaceCode = interfaceCode;
  if (ediFileName) out.ediFileName = ediFileName;
  return out;
}
