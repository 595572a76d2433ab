import type { Stats } from 'node:fs';
import type { LocalizedText } from '../diagnostics/diagnostic.js';

/** The text of a message in the run's language. */
export function say(lang: 'fr' | 'en', text: LocalizedText): string {
  return text[lang] ?? text.en;
}

/** What a file system entry that is not a regular file is, with its article: "a named pipe (FIFO)". */
export function fileKind(info: Pick<Stats, 'isSymbolicLink' | 'isDirectory' | 'isFIFO' | 'isCharacterDevice' | 'isBlockDevice' | 'isSocket'>): LocalizedText {
  if (info.isSymbolicLink()) return { fr: 'un lien symbolique', en: 'a symbolic link' };
  if (info.isDirectory()) return { fr: 'un dossier', en: 'a directory' };
  if (info.isFIFO()) return { fr: 'un tube nommé (FIFO)', en: 'a named pipe (FIFO)' };
  if (info.isCharacterDevice()) return { fr: 'un périphérique en mode caractère', en: 'a character device' };
  if (info.isBlockDevice()) return { fr: 'un périphérique en mode bloc', en: 'a block device' };
  if (info.isSocket()) return { fr: 'une socket', en: 'a socket' };
  return { fr: 'un fichier spécial', en: 'a special file' };
}
