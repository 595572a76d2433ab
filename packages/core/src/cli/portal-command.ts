import type { Command } from './args.js';
import type { Io } from './io.js';

/** Runs `chorus-precheck portal <state.json>`. */
export async function runPortal(
  command: Extract<Command, { kind: 'portal' }>,
  _lang: 'fr' | 'en',
  _io: Io,
  _emit: (text: string) => Promise<void>,
): Promise<number> {
  throw new Error(`portal ${command.state}: the portal model is not wired yet`);
}
