import type { Command } from './args.js';
import type { Io } from './io.js';

/** Runs `chorus-precheck rules list|show|lint|docs`. */
export async function runRules(
  command: Extract<Command, { kind: 'rules' }>,
  _lang: 'fr' | 'en',
  _io: Io,
  _emit: (text: string) => Promise<void>,
): Promise<number> {
  throw new Error(`rules ${command.action} is not wired to the rule engine yet`);
}
