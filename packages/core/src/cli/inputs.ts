import { readdirSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { globToRegExp, isGlob, splitGlob } from './glob.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { fileKind } from './messages.js';
import { notAFile, unreadableFile } from './read-input.js';
import { UsageError } from './usage-error.js';

/**
 * One input to check: a file on disk or standard input. A file that cannot be read (a FIFO, a
 * device, a folder that cannot be listed) carries the fatal diagnostic it is reported with.
 */
export type InputRef = { kind: 'file'; path: string; name: string; problem?: Diagnostic } | { kind: 'stdin'; name: string };

/** The display name standard input gets in reports. */
export const STDIN_NAME = '<stdin>';

// What a directory walk picks up: the containers Chorus Pro takes. Files named on the command
// line are always checked, whatever their extension, since the reader sniffs the bytes.
const DEPOSIT_FILE = /\.(xml|pdf|zip|gz|tgz)$/i;

/**
 * Expands the command line's inputs, in order: files as given, directories walked recursively
 * (deposit files only, sorted by name), globs matched and sorted, `-` as standard input.
 * Each file appears once. Throws a {@link UsageError} for an input that matches nothing.
 */
export async function expandInputs(args: readonly string[], cwd = process.cwd()): Promise<InputRef[]> {
  const seen = new Set<string>();
  const out: InputRef[] = [];
  // Reports name each file the way the user wrote it: the argument itself, or for a directory
  // or a glob, the path under what the user wrote.
  const add = (path: string, name: string, problem?: Diagnostic): void => {
    if (seen.has(path)) return;
    seen.add(path);
    out.push({ kind: 'file', path, name, ...(problem ? { problem } : {}) });
  };

  for (const arg of args) {
    if (arg === '-') {
      if (!seen.has('\0stdin')) {
        seen.add('\0stdin');
        out.push({ kind: 'stdin', name: STDIN_NAME });
      }
      continue;
    }
    const path = resolve(cwd, arg);
    const { info, error } = statOf(path);
    if (info?.isFile()) {
      add(path, arg);
    } else if (info?.isDirectory()) {
      const found = walk(path).filter((f) => f.problem !== undefined || DEPOSIT_FILE.test(f.path));
      if (found.length === 0) {
        throw new UsageError({
          fr: `aucun fichier de dépôt (.xml, .pdf, .zip, .gz, .tgz) dans le dossier ${arg}`,
          en: `no deposit file (.xml, .pdf, .zip, .gz, .tgz) in directory ${arg}`,
        });
      }
      for (const file of found) {
        const name = file.path === path ? arg : under(arg, toSlash(relative(path, file.path)));
        add(file.path, name, file.problem?.(name));
      }
    } else if (info) {
      // A FIFO, a device or a socket: reported as what it is, never opened (reading a FIFO
      // waits for a writer; a device may never end).
      add(path, arg, notAFile(arg, fileKind(info)));
    } else if (error !== null && !isGlob(arg)) {
      // It exists but cannot be looked at (permission denied on its folder, a symbolic link loop).
      add(path, arg, unreadableFile(arg, error));
    } else if (isGlob(arg)) {
      const { base, rest } = splitGlob(arg);
      const root = resolve(cwd, base);
      const matcher = globToRegExp(rest);
      const files = walkOrNothing(root)
        .filter((f) => f.problem === undefined)
        .map((f) => f.path)
        .filter((f) => matcher.test(toSlash(relative(root, f))));
      if (files.length === 0) throw new UsageError({ fr: `aucun fichier ne correspond à ${arg}`, en: `no file matches ${arg}` });
      // `*.xml` names `a.xml`, `./in/*.xml` names `./in/a.xml`: the part before the pattern as written.
      const written = arg.replace(/\\/g, '/').slice(0, arg.length - rest.length);
      for (const file of files) add(file, written + toSlash(relative(root, file)));
    } else {
      throw new UsageError({ fr: `fichier ou dossier introuvable : ${arg}`, en: `no such file or directory: ${arg}` });
    }
  }
  return out;
}

// The file system is read synchronously: nothing else runs while the command line is expanded,
// and node:fs/promises would cost the start-up of a one-file check more than the walk itself.
/** The stats of a path, or why there are none: `error` is null when nothing is there at all. */
function statOf(path: string): { info: Stats | null; error: unknown } {
  try {
    return { info: statSync(path), error: null };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { info: null, error: code === 'ENOENT' || code === 'ENOTDIR' ? null : error };
  }
}

/** A file found by a walk, or a folder that could not be listed, with the diagnostic it gets under its name. */
interface Found {
  path: string;
  problem?: (name: string) => Diagnostic;
}

function walkOrNothing(dir: string): Found[] {
  try {
    return walk(dir);
  } catch {
    return [];
  }
}

/**
 * Walks a directory recursively, skipping hidden entries and node_modules; paths sorted for a
 * stable order. A folder that cannot be listed (permission denied) is one entry, with its problem:
 * the rest of the walk goes on.
 */
function walk(dir: string): Found[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    return [{ path: dir, problem: (name) => unreadableFile(name, error) }];
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: Found[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...walk(path));
    else if (entry.isFile()) files.push({ path });
  }
  return files;
}

/** A path found under a directory argument, named under the argument as written. */
function under(dir: string, rel: string): string {
  if (dir === '.' || dir === './') return rel;
  return /[\\/]$/.test(dir) ? `${dir}${rel}` : `${dir}/${rel}`;
}

function toSlash(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
