import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { globToRegExp, isGlob, splitGlob } from './glob.js';
import { UsageError } from './usage-error.js';

/** One input to check: a file on disk or standard input. */
export type InputRef = { kind: 'file'; path: string; name: string } | { kind: 'stdin'; name: string };

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
  const add = (path: string, name: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    out.push({ kind: 'file', path, name });
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
    const info = statOrNull(path);
    if (info?.isFile()) {
      add(path, arg);
    } else if (info?.isDirectory()) {
      const files = walk(path).filter((f) => DEPOSIT_FILE.test(f));
      if (files.length === 0) throw new UsageError(`no deposit file (.xml, .pdf, .zip, .gz, .tgz) in directory ${arg}`);
      for (const file of files) add(file, under(arg, toSlash(relative(path, file))));
    } else if (isGlob(arg)) {
      const { base, rest } = splitGlob(arg);
      const root = resolve(cwd, base);
      const matcher = globToRegExp(rest);
      const files = walkOrNothing(root).filter((f) => matcher.test(toSlash(relative(root, f))));
      if (files.length === 0) throw new UsageError(`no file matches ${arg}`);
      // `*.xml` names `a.xml`, `./in/*.xml` names `./in/a.xml`: the part before the pattern as written.
      const written = arg.replace(/\\/g, '/').slice(0, arg.length - rest.length);
      for (const file of files) add(file, written + toSlash(relative(root, file)));
    } else {
      throw new UsageError(`no such file or directory: ${arg}`);
    }
  }
  return out;
}

// The file system is read synchronously: nothing else runs while the command line is expanded,
// and node:fs/promises would cost the start-up of a one-file check more than the walk itself.
function statOrNull(path: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function walkOrNothing(dir: string): string[] {
  try {
    return walk(dir);
  } catch {
    return [];
  }
}

/** Walks a directory recursively, skipping hidden entries and node_modules; paths sorted for a stable order. */
function walk(dir: string): string[] {
  const entries: Dirent[] = readdirSync(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...walk(path));
    else if (entry.isFile()) files.push(path);
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
