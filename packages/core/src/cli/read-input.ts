/**
 * Reads the CLI's input files within `maxInputBytes`: a file's size is known before anything is
 * read (standard input is counted as it comes: see `readAll`). An input that cannot be read (too large, a FIFO
 * or a device, permission denied) becomes a fatal diagnostic located at it, never an exception:
 * the rest of the batch is still checked and reported.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { readDiagnostic, limitDiagnostic } from '../diagnostics/reader.js';
import { DEFAULT_LIMITS, type Limits } from '../limits.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { fileKind } from './messages.js';

/** The size limit of one input: the configuration's `limits.maxInputBytes`, else the default. */
export function inputLimit(settings: { config: { limits?: Partial<Limits> } | null }): number {
  return settings.config?.limits?.maxInputBytes ?? DEFAULT_LIMITS.maxInputBytes;
}

/** An input's bytes, or the diagnostic that says why there are none. */
export type ReadResult = { bytes: Uint8Array } | { problem: Diagnostic };

// Opening a FIFO for reading waits for a writer: O_NONBLOCK returns at once, and fstat then says
// what was opened. It changes nothing for a regular file. (Not defined on Windows.)
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Reads a file of at most `limit` bytes. The size comes from the open file itself (fstat), so
 * a file too large is never read, and a file that grows meanwhile is read up to its size then.
 */
export function readInputFile(path: string, name: string, limit: number): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    return { problem: unreadableFile(name, error) };
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { problem: notAFile(name, fileKind(info)) };
    if (info.size > limit) return { problem: limitDiagnostic('maxInputBytes', limit, { file: name }, info.size) };
    const bytes = new Uint8Array(info.size);
    let filled = 0;
    while (filled < bytes.length) {
      const n = readSync(fd, bytes, filled, bytes.length - filled, null);
      if (n === 0) break;
      filled += n;
    }
    return { bytes: filled === bytes.length ? bytes : bytes.subarray(0, filled) };
  } catch (error) {
    return { problem: unreadableFile(name, error) };
  } finally {
    closeSync(fd);
  }
}

/** A file or folder that exists but cannot be read (permission denied, an I/O error). */
export function unreadableFile(name: string, error: unknown): Diagnostic {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const why = describeError(error);
  return readDiagnostic(
    'file-unreadable',
    'error',
    {
      fr: `Le fichier ne peut pas être lu : ${why.fr}${code ? ` (${code})` : ''}.`,
      en: `The file cannot be read: ${why.en}${code ? ` (${code})` : ''}.`,
    },
    { location: { file: name }, fatal: true },
  );
}

/** An input that is not a regular file (a FIFO, a device, a socket, a directory). */
export function notAFile(name: string, kind: { fr: string; en: string }): Diagnostic {
  return readDiagnostic(
    'not-a-file',
    'error',
    {
      fr: `Ce n’est pas un fichier ordinaire mais ${kind.fr} : il n’est pas lu. Pour vérifier ce qu’il produit, passez-le sur l’entrée standard avec « - ».`,
      en: `This is not a regular file but ${kind.en}: it is not read. To check what it produces, pass it on standard input with "-".`,
    },
    { location: { file: name }, fatal: true },
  );
}

function describeError(error: unknown): { fr: string; en: string } {
  switch ((error as NodeJS.ErrnoException | null)?.code) {
    case 'EACCES':
    case 'EPERM':
      return { fr: 'permission refusée', en: 'permission denied' };
    case 'ENOENT':
      return { fr: 'il n’existe plus', en: 'it no longer exists' };
    case 'EISDIR':
      return { fr: 'c’est un dossier', en: 'it is a directory' };
    case 'ELOOP':
      return { fr: 'trop de liens symboliques (une boucle)', en: 'too many symbolic links (a loop)' };
    case 'EIO':
      return { fr: 'erreur d’entrée-sortie', en: 'input/output error' };
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return { fr: message, en: message };
    }
  }
}
