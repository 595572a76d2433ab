import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, lstatSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileKind } from './messages.js';
import { joinTextBlocks } from '../report/format-text.js';
import type { Report } from '../report/report.js';
import type { Preformat } from './check-input.js';
import type { Io } from './io.js';
import { UsageError } from './usage-error.js';

/** Where the report goes: standard output or the `--output` file. */
export interface Destination {
  /**
   * Writes text. Returns a promise when the reader is behind (a pipe whose buffer is full): the
   * caller waits for it before producing more, so that memory stays bounded.
   */
  write(text: string): Promise<void> | undefined;
  /** Ends the output; the `--output` file appears only now, whole. */
  close(): void;
  /** Gives up: the `--output` file is not written at all. */
  abort(): void;
}

/**
 * Opens the destination of the report. An `--output` file is written under a temporary name
 * beside it and renamed when complete, so that a run that fails half way never leaves a
 * truncated report where a previous one was (see {@link openOutputFile}).
 */
export function openDestination(output: string | null, io: Io, options: OutputFileOptions = {}): Destination {
  if (output === null) {
    const stdout = io.stdout;
    let drained: Promise<void> | undefined;
    return {
      // A pipe is written asynchronously: without waiting for 'drain', a fast producer piles the
      // whole report up in memory (789 MiB for 1,732 invoices into `| cat`, 107 MiB with -o).
      write(text) {
        if (stdout.write(text) || !stdout.once) return drained;
        drained ??= new Promise((resolve) => {
          stdout.once!('drain', () => {
            drained = undefined;
            resolve();
          });
        });
        return drained;
      },
      close() {},
      abort() {},
    };
  }
  return openOutputFile(resolve(io.cwd, output), { ...options, shown: options.shown ?? output });
}

/** Options of {@link openOutputFile}. */
export interface OutputFileOptions {
  /** The name to show in messages (default: the path). */
  shown?: string;
  /** What the option is called in messages (default `--output`). */
  option?: string;
  /** Files the output must not replace: the inputs of the run. */
  inputs?: readonly string[];
}

/**
 * Opens a file to write whole or not at all. The target must be a regular file or absent: a
 * symbolic link, a device, a FIFO or a directory is refused, as is one of the run's own inputs,
 * rather than replaced. The text goes to a new temporary file created exclusively (`O_EXCL`,
 * which follows no link and opens nothing that already exists) in the target's directory, with
 * the mode of the file it replaces, then renamed over the target on {@link Destination.close}.
 */
export function openOutputFile(path: string, options: OutputFileOptions = {}): Destination {
  const shown = options.shown ?? path;
  const option = options.option ?? '--output';
  const fail = (error: unknown): never => {
    throw new UsageError({
      fr: `impossible d’écrire ${option} ${shown} : ${(error as Error).message}`,
      en: `cannot write ${option} ${shown}: ${(error as Error).message}`,
    });
  };
  const existing = refuseTarget(path, shown, option, options.inputs ?? []);
  let fd = -1;
  let temporary = '';
  try {
    mkdirSync(dirname(path), { recursive: true });
    for (let attempt = 0; fd < 0; attempt++) {
      temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        fd = openSync(temporary, 'wx', existing?.mode ?? 0o666);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 8) throw error;
      }
    }
    // A report replacing a private file stays private (the umask applied to the mode above).
    if (existing) fchmodSync(fd, existing.mode & 0o777);
  } catch (error) {
    fail(error);
  }
  const closeFd = (): void => {
    if (fd >= 0) closeSync(fd);
    fd = -1;
  };
  return {
    write(text) {
      try {
        writeSync(fd, text);
      } catch (error) {
        fail(error);
      }
      return undefined;
    },
    close() {
      try {
        closeFd();
        // Checked again: the target may have been replaced by a link while the report was written.
        refuseTarget(path, shown, option, options.inputs ?? []);
        renameSync(temporary, path);
      } catch (error) {
        rmSync(temporary, { force: true });
        if (error instanceof UsageError) throw error;
        fail(error);
      }
    },
    abort() {
      closeFd();
      rmSync(temporary, { force: true });
    },
  };
}

/** Throws a usage error unless `path` is absent or a regular file that is not an input; returns its stats when it exists. */
function refuseTarget(path: string, shown: string, option: string, inputs: readonly string[]): Stats | null {
  let info: Stats;
  try {
    info = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new UsageError({
      fr: `impossible d’écrire ${option} ${shown} : ${(error as Error).message}`,
      en: `cannot write ${option} ${shown}: ${(error as Error).message}`,
    });
  }
  if (!info.isFile()) {
    const kind = fileKind(info);
    throw new UsageError({
      fr: `${option} ${shown} est ${kind.fr}, pas un fichier ordinaire : il ne sera pas remplacé ; donnez un fichier ordinaire ou un nouveau nom`,
      en: `${option} ${shown} is ${kind.en}, not a regular file: it is not replaced; give a regular file or a new name`,
    });
  }
  for (const input of inputs) {
    const other = statSync(input, { throwIfNoEntry: false });
    if (other && other.ino === info.ino && other.dev === info.dev) {
      throw new UsageError({
        fr: `${option} ${shown} est l’un des fichiers vérifiés : le rapport le remplacerait ; choisissez un autre fichier`,
        en: `${option} ${shown} is one of the files being checked: the report would replace it; choose another file`,
      });
    }
  }
  return info;
}

/**
 * Writes a report made of one block per document (text, JSON) as its documents arrive, in input
 * order: the output of a large batch is never held whole in memory. The bytes are those of
 * `formatText` / `formatJson` for the same report.
 */
export class BlockWriter {
  private count = 0;

  constructor(
    private readonly format: Preformat,
    private readonly destination: Destination,
  ) {}

  /** Writes the next documents' blocks; a promise when the destination asks to wait (see {@link Destination.write}). */
  add(blocks: readonly string[]): Promise<void> | undefined {
    if (blocks.length === 0) return undefined;
    const separator = this.format.format === 'json' ? ',\n  ' : '\n\n';
    const first = this.count === 0 ? (this.format.format === 'json' ? '[\n  ' : '') : separator;
    this.count += blocks.length;
    return this.destination.write(first + blocks.join(separator));
  }

  /** Writes what follows the last document: the summary line, or the end of the JSON array. */
  end(report: Pick<Report, 'summary' | 'lang'>): Promise<void> | undefined {
    if (this.format.format === 'json') return this.destination.write(this.count === 0 ? '[]\n' : '\n]\n');
    return this.destination.write((this.count === 0 ? '' : '\n\n') + joinTextBlocks([], report.summary, report.lang, this.format));
  }
}
